package dev.seatflow.scim.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;

/**
 * Reads SCIM filters (RFC 7644 section 3.4.2.2) and PATCH paths (section 3.5.2) by recursive descent:
 * {@code or} binds weaker than {@code and}, which binds weaker than {@code not} and parentheses; operators and
 * keywords are case-insensitive. Every error is a {@link ScimException} that quotes where the text went wrong.
 *
 * <p>Two leniencies, both for requests Microsoft documents its provisioning service sending: a comparison value
 * may be a bare word ({@code externalId eq jyoung}), read as a string; and a value path may be followed by a
 * sub-attribute and a comparison ({@code emails[type eq "work"].value eq "a@b.c"}), read as
 * {@code emails[type eq "work" and value eq "a@b.c"]}.
 */
public final class FilterParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String text;
    private int pos;

    private FilterParser(String text) {
        this.text = text;
    }

    public static Filter parse(String filter) {
        if (filter == null || filter.isBlank()) {
            throw ScimException.invalidFilter("the filter is empty");
        }
        FilterParser p = new FilterParser(filter);
        Filter f = p.or();
        p.skipSpace();
        if (p.pos < p.text.length()) {
            throw p.error("unexpected '" + p.text.substring(p.pos) + "'");
        }
        return f;
    }

    /** A PATCH path: an attribute path, optionally with a value filter and a sub-attribute after it. */
    public static PatchPath parsePath(String path) {
        if (path == null || path.isBlank()) {
            throw ScimException.invalidPath("the path is empty");
        }
        String trimmed = path.trim();
        int bracket = trimmed.indexOf('[');
        if (bracket < 0) {
            return new PatchPath(AttributePath.parse(trimmed), null, null);
        }
        AttributePath attribute = AttributePath.parse(trimmed.substring(0, bracket));
        if (attribute.subAttribute() != null || attribute.attribute() == null) {
            throw ScimException.invalidPath("a value filter follows a multi-valued attribute, not '"
                    + trimmed.substring(0, bracket) + "'");
        }
        FilterParser p = new FilterParser(trimmed);
        p.pos = bracket + 1;
        Filter filter;
        try {
            filter = p.or();
        } catch (ScimException e) {
            throw ScimException.invalidPath("invalid value filter in path '" + path + "': " + e.detail());
        }
        p.skipSpace();
        if (!p.take(']')) {
            throw ScimException.invalidPath("missing ']' in path '" + path + "'");
        }
        String sub = null;
        if (p.pos < trimmed.length()) {
            if (trimmed.charAt(p.pos) != '.' || !AttributePath.validName(trimmed.substring(p.pos + 1))) {
                throw ScimException.invalidPath("unexpected '" + trimmed.substring(p.pos) + "' in path '" + path + "'");
            }
            sub = trimmed.substring(p.pos + 1);
        }
        return new PatchPath(attribute, filter, sub);
    }

    private Filter or() {
        Filter left = and();
        while (keyword("or")) {
            left = new Filter.Or(left, and());
        }
        return left;
    }

    private Filter and() {
        Filter left = unary();
        while (keyword("and")) {
            left = new Filter.And(left, unary());
        }
        return left;
    }

    private Filter unary() {
        skipSpace();
        if (keyword("not")) {
            skipSpace();
            if (!take('(')) {
                throw error("'not' must be followed by '('");
            }
            return new Filter.Not(parenthesised());
        }
        if (take('(')) {
            return parenthesised();
        }
        return attributeExpression();
    }

    private Filter parenthesised() {
        Filter inner = or();
        skipSpace();
        if (!take(')')) {
            throw error("missing ')'");
        }
        return inner;
    }

    private Filter attributeExpression() {
        String word = word();
        if (word.isEmpty()) {
            throw error(pos < text.length() ? "expected an attribute, found '" + text.charAt(pos) + "'"
                    : "expected an attribute, found the end of the filter");
        }
        if (pos < text.length() && text.charAt(pos) == '[') {
            pos++;
            AttributePath attribute = path(word);
            Filter inner = or();
            skipSpace();
            if (!take(']')) {
                throw error("missing ']'");
            }
            if (pos < text.length() && text.charAt(pos) == '.') {
                pos++;
                String sub = word();
                Filter onValue = comparison(new AttributePath(null, sub, null));
                return new Filter.ValuePath(attribute, new Filter.And(inner, onValue));
            }
            return new Filter.ValuePath(attribute, inner);
        }
        return comparison(path(word));
    }

    private Filter comparison(AttributePath path) {
        skipSpace();
        String op = word();
        if (op.isEmpty()) {
            throw error("expected an operator after '" + path + "'");
        }
        if (op.equalsIgnoreCase("pr")) {
            return new Filter.Present(path);
        }
        Filter.Operator operator = Filter.Operator.of(op);
        if (operator == null) {
            throw error("unknown operator '" + op + "' (eq, ne, co, sw, ew, gt, lt, ge, le, pr)");
        }
        return new Filter.Compare(path, operator, value());
    }

    private JsonNode value() {
        skipSpace();
        if (pos >= text.length()) {
            throw error("expected a value, found the end of the filter");
        }
        if (text.charAt(pos) == '"') {
            int start = pos++;
            while (pos < text.length() && text.charAt(pos) != '"') {
                if (text.charAt(pos) == '\\') {
                    pos++;
                }
                pos++;
            }
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            pos++;
            try {
                return JSON.readTree(text.substring(start, pos));
            } catch (JsonProcessingException e) {
                throw error("invalid string " + text.substring(start, pos));
            }
        }
        String word = word();
        if (word.isEmpty()) {
            throw error("expected a value, found '" + text.charAt(pos) + "'");
        }
        switch (word.toLowerCase(java.util.Locale.ROOT)) {
            case "true":
                return BooleanNode.TRUE;
            case "false":
                return BooleanNode.FALSE;
            case "null":
                return NullNode.getInstance();
            default:
                break;
        }
        try {
            return JSON.getNodeFactory().numberNode(new BigDecimal(word));
        } catch (NumberFormatException e) {
            return TextNode.valueOf(word); // Entra's "externalId eq jyoung"
        }
    }

    private AttributePath path(String word) {
        try {
            return AttributePath.parse(word);
        } catch (ScimException e) {
            throw ScimException.invalidFilter(e.detail());
        }
    }

    /** Letters, digits and the characters of attribute paths and URNs; stops at spaces, brackets, parentheses. */
    private String word() {
        skipSpace();
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isWhitespace(c) || c == '(' || c == ')' || c == '[' || c == ']' || c == '"') {
                break;
            }
            pos++;
        }
        return text.substring(start, pos);
    }

    private boolean keyword(String kw) {
        skipSpace();
        int end = pos + kw.length();
        if (end <= text.length() && text.regionMatches(true, pos, kw, 0, kw.length())
                && (end == text.length() || Character.isWhitespace(text.charAt(end)) || text.charAt(end) == '(')) {
            pos = end;
            return true;
        }
        return false;
    }

    private boolean take(char c) {
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private ScimException error(String what) {
        return ScimException.invalidFilter("invalid filter '" + text + "' at position " + (pos + 1) + ": " + what);
    }
}
