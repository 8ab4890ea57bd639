package dev.seatflow.scim.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A SCIM filter (RFC 7644 section 3.4.2.2), as {@link FilterParser} reads it. {@link FilterEvaluator} says
 * whether a resource, or one value of a multi-valued attribute, matches it.
 */
public sealed interface Filter {

    enum Operator {
        EQ, NE, CO, SW, EW, GT, LT, GE, LE;

        static Operator of(String word) {
            for (Operator o : values()) {
                if (o.name().equalsIgnoreCase(word)) {
                    return o;
                }
            }
            return null;
        }
    }

    /** {@code path op value}; {@code value} is a JSON string, number, boolean or null. */
    record Compare(AttributePath path, Operator operator, JsonNode value) implements Filter {
        public Compare {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code path pr}. */
    record Present(AttributePath path) implements Filter {
    }

    record And(Filter left, Filter right) implements Filter {
    }

    record Or(Filter left, Filter right) implements Filter {
    }

    record Not(Filter filter) implements Filter {
    }

    /**
     * {@code attribute[filter]}: some value of the multi-valued {@code attribute} matches {@code filter}, which is
     * evaluated with that value as its context ({@code emails[type eq "work" and value co "@example.com"]}).
     */
    record ValuePath(AttributePath attribute, Filter filter) implements Filter {
    }
}
