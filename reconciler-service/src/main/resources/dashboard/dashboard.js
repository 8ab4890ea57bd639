/*
 * Seatflow dashboard: polls api/state once a second and re-renders in place.
 *
 * No framework and no build step. Every value from the API reaches the page through
 * textContent or an attribute, never as HTML. Elements are keyed by tenant and SKU and only
 * rewritten when their data changed, so scroll positions, focus and selection survive a refresh.
 */
(function () {
  'use strict';

  var POLL_MS = 1000;
  var TIMEOUT_MS = 3000;
  var MAX_QUEUE_ROWS = 100;

  var $ = function (id) { return document.getElementById(id); };
  var tenantsEl = $('tenants');
  var latestEl = $('latest');
  var skuTemplate = $('sku-template');
  var groupsTemplate = $('groups-template');
  /** How the groups tables are sorted: by members in error, most first, unless a header was clicked. */
  var groupSort = { key: 'membersWithLicenseErrors', descending: true };

  var tenantSections = new Map();   // tenantId -> {section, grid, summary, cards: Map(skuId -> card)}
  var seenEvents = new Set();       // keys of events already shown, to highlight only new ones
  var firstRender = true;
  var lastSuccess = null;

  // ---- formatting --------------------------------------------------------------------------

  var numberFormat = new Intl.NumberFormat('en-US');
  function fmt(n) { return n === null || n === undefined ? '–' : numberFormat.format(n); }

  function pad(n) { return n < 10 ? '0' + n : '' + n; }

  /** Local wall-clock time; the date too when it is not today. */
  function clock(date) {
    var time = pad(date.getHours()) + ':' + pad(date.getMinutes()) + ':' + pad(date.getSeconds());
    var now = new Date();
    if (date.toDateString() === now.toDateString()) return time;
    return date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate()) + ' ' + time;
  }

  /** "12 s", "4 min", "3 h 5 min", "2 d 4 h". */
  function duration(ms) {
    var s = Math.max(0, Math.floor(ms / 1000));
    if (s < 60) return s + ' s';
    var m = Math.floor(s / 60);
    if (m < 60) return m + ' min';
    var h = Math.floor(m / 60);
    if (h < 24) return h + ' h' + (m % 60 ? ' ' + (m % 60) + ' min' : '');
    var d = Math.floor(h / 24);
    return d + ' d' + (h % 24 ? ' ' + (h % 24) + ' h' : '');
  }

  function parseTime(iso) {
    if (!iso) return null;
    var d = new Date(iso);
    return isNaN(d.getTime()) ? null : d;
  }

  var ALERTS = {
    Ok: 'Seats are fine.',
    Low: 'Available seats are at or below the low-seats threshold.',
    Exhausted: 'Someone is waiting for a seat.',
    OverAllocated: 'More seats are held than the subscription has.'
  };

  var REASONS = {
    SeatsExhausted: 'Every seat is taken: waits for one to free up.',
    UsageLocationRequired: 'The user has no usage location and the tenant no default one.',
    GuestUser: 'A guest licensed only through groups; guests need a direct assignment.',
    SubscriptionInactive: 'The subscription is suspended or deleted.'
  };

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  function timeElement(iso, withAge) {
    var date = parseTime(iso);
    if (!date) {
      var unknown = el('span', 'muted', '—');
      unknown.title = 'unknown: the causing event had no time';
      return unknown;
    }
    var t = el('time', null, clock(date));
    t.dateTime = iso;
    t.title = date.toString();
    if (!withAge) return t;
    var wrap = el('span', 'since');
    wrap.appendChild(t);
    var age = el('span', 'age');
    age.dataset.since = String(date.getTime());
    age.textContent = duration(Date.now() - date.getTime());
    wrap.appendChild(age);
    return wrap;
  }

  /** Keeps the "how long ago" texts current between renders. */
  function tickAges() {
    var now = Date.now();
    document.querySelectorAll('[data-since]').forEach(function (e) {
      var text = duration(now - Number(e.dataset.since));
      if (e.textContent !== text) e.textContent = text;
    });
    if (lastSuccess) $('updated').textContent = clock(lastSuccess);
  }

  // ---- header strip ------------------------------------------------------------------------

  function setConnection(kind, text, detail) {
    var pill = $('connection');
    pill.className = 'pill pill-' + kind;
    pill.dataset.state = kind;
    if (pill.textContent !== text) pill.textContent = text;
    pill.title = detail || '';
    document.body.classList.toggle('stale', kind === 'down');
  }

  function renderStrip(state) {
    $('instance').textContent = state.instance || '–';
    var parts = (state.assignedPartitions || []).slice().sort(function (x, y) { return x - y; });
    $('partitions').textContent = parts.length ? parts.join(', ') : 'none';
    var totals = state.totals || {};
    $('consumed').textContent = fmt(totals.consumed);
    $('produced').textContent = fmt(totals.produced);
    var rejected = $('rejected');
    rejected.textContent = fmt(totals.rejected);
    rejected.classList.toggle('warn', (totals.rejected || 0) > 0);
    $('commits').textContent = fmt(totals.commits);

    var lag = state.lag || {};
    var names = Object.keys(lag).sort();
    var total = names.reduce(function (sum, k) { return sum + (Number(lag[k]) || 0); }, 0);
    var behind = names.filter(function (k) { return lag[k] > 0; });
    var lagEl = $('lag');
    lagEl.textContent = names.length === 0 ? '–' : fmt(total);
    lagEl.classList.toggle('warn', total > 0);
    lagEl.title = names.length === 0 ? 'no partitions assigned'
      : names.map(function (k) { return k + ': ' + fmt(lag[k]); }).join('\n');
    if (behind.length) {
      lagEl.appendChild(el('span', 'lag-detail',
        ' (' + behind.slice(0, 3).map(function (k) { return k + ' ' + fmt(lag[k]); }).join(', ')
          + (behind.length > 3 ? ', …' : '') + ')'));
    }
  }

  // ---- tenants and SKUs --------------------------------------------------------------------

  function tenantSection(tenantId) {
    var t = tenantSections.get(tenantId);
    if (t) return t;
    var section = el('section', 'tenant');
    section.dataset.tenant = tenantId;
    var head = el('header', 'tenant-head');
    var h = el('h3', null, tenantId);
    h.id = 'tenant-' + tenantSections.size + '-' + tenantId.replace(/[^A-Za-z0-9_-]/g, '_');
    section.setAttribute('aria-labelledby', h.id);
    head.appendChild(el('span', 'tenant-label', 'Tenant'));
    head.appendChild(h);
    var summary = el('span', 'tenant-summary');
    head.appendChild(summary);
    section.appendChild(head);
    var grid = el('div', 'sku-grid');
    section.appendChild(grid);
    var groups = groupsTemplate.content.firstElementChild.cloneNode(true);
    groups.hidden = true;
    groups.querySelector('.groups-scroll').setAttribute('aria-label', 'Licensed groups of ' + tenantId);
    groups.querySelectorAll('.sort').forEach(function (button) {
      button.addEventListener('click', function () {
        var key = button.dataset.key;
        groupSort = { key: key, descending: groupSort.key === key ? !groupSort.descending : key !== 'groupId' };
        tenantSections.forEach(function (other) { other.groupsJson = null; });
        if (lastState) renderTenants(lastState.tenants || []);
      });
    });
    section.appendChild(groups);
    t = { section: section, grid: grid, summary: summary, cards: new Map(), groups: groups, groupsJson: null };
    tenantSections.set(tenantId, t);
    return t;
  }

  function skuCard(tenant, tenantId, skuId) {
    var card = tenant.cards.get(skuId);
    if (card) return card;
    var root = skuTemplate.content.firstElementChild.cloneNode(true);
    root.dataset.tenant = tenantId;
    root.dataset.sku = skuId;
    root.querySelector('.sku-id').textContent = skuId;
    var scroll = root.querySelector('.queue-scroll');
    scroll.setAttribute('aria-label', 'Queue for ' + skuId + ' in ' + tenantId);
    card = {
      root: root,
      json: null,
      status: root.querySelector('.status'),
      alert: root.querySelector('.alert'),
      pools: root.querySelector('.pools'),
      bar: root.querySelector('.bar'),
      assigned: root.querySelector('.seg-assigned'),
      available: root.querySelector('.seg-available'),
      over: root.querySelector('.seg-over'),
      numbers: root.querySelector('.numbers'),
      summary: root.querySelector('.queue-summary'),
      scroll: scroll,
      rows: root.querySelector('.queue tbody'),
      more: root.querySelector('.more')
    };
    tenant.cards.set(skuId, card);
    return card;
  }

  function stat(className, value, label) {
    var s = el('span', 'stat ' + className);
    s.appendChild(el('span', 'swatch'));
    s.appendChild(el('strong', null, value));
    s.appendChild(document.createTextNode(' ' + label));
    return s;
  }

  function renderSku(card, tenantId, sku) {
    var json = JSON.stringify(sku);
    if (card.json === json) return;
    card.json = json;

    var status = sku.status || null;
    card.status.textContent = status || 'not announced';
    card.status.className = 'badge status status-' + (status || 'none');
    card.status.title = status ? 'Subscription status: ' + status
      : 'No subscription was ever announced for this SKU: it has 0 seats';

    var level = sku.alert || 'Ok';
    card.alert.textContent = level === 'OverAllocated' ? 'Over-allocated' : level;
    card.alert.className = 'badge alert alert-' + level;
    card.alert.title = 'Seat alert: ' + (ALERTS[level] || level)
      + (sku.lowSeatsThreshold === null || sku.lowSeatsThreshold === undefined ? ''
        : ' (low-seats threshold ' + sku.lowSeatsThreshold + ')');
    renderPools(card, sku.pools || []);

    var seats = sku.seats || 0;
    var assigned = sku.assigned || 0;
    var available = sku.available || 0;
    var over = sku.overAllocated || 0;
    var scale = Math.max(seats, assigned, 1);
    var within = Math.min(assigned, seats);
    card.assigned.style.width = (100 * within / scale) + '%';
    card.available.style.width = (100 * available / scale) + '%';
    card.over.style.width = (100 * over / scale) + '%';
    card.bar.classList.toggle('is-over', over > 0);
    card.bar.setAttribute('aria-valuemax', String(Math.max(seats, assigned)));
    card.bar.setAttribute('aria-valuenow', String(assigned));
    var words = assigned + ' of ' + seats + ' seats assigned, ' + available + ' available'
      + (over > 0 ? ', ' + over + ' over-allocated' : '');
    card.bar.setAttribute('aria-valuetext', words);
    card.bar.setAttribute('aria-label', 'Seats of ' + sku.skuId);
    card.bar.title = words;

    card.numbers.textContent = '';
    card.numbers.appendChild(stat('stat-assigned', fmt(assigned) + ' / ' + fmt(seats), 'assigned'));
    card.numbers.appendChild(stat('stat-available', fmt(available), 'available'));
    if (over > 0) card.numbers.appendChild(stat('stat-over', fmt(over), 'over-allocated'));

    var waiting = sku.waiting || 0;
    var queue = sku.queue || [];
    if (waiting === 0) {
      card.summary.textContent = 'Nobody waiting';
      card.summary.className = 'queue-summary muted';
    } else {
      card.summary.className = 'queue-summary';
      card.summary.textContent = '';
      card.summary.appendChild(el('strong', null, fmt(waiting) + ' waiting'));
      card.summary.appendChild(document.createTextNode(
        ': ' + fmt(sku.queued || 0) + ' queued, ' + fmt(sku.blocked || 0) + ' blocked'));
    }
    card.scroll.hidden = queue.length === 0;

    var rows = document.createDocumentFragment();
    queue.slice(0, MAX_QUEUE_ROWS).forEach(function (entry) {
      var tr = el('tr', 'state-row-' + entry.state);
      tr.dataset.user = entry.userId;
      tr.appendChild(el('td', 'pos', String(entry.position)));
      var who = el('td', 'user');
      var button = el('button', 'linkish', entry.userId);
      button.type = 'button';
      button.title = 'Why is ' + entry.userId + ' waiting?';
      button.addEventListener('click', function () { explain(tenantId, entry.userId, sku.skuId, entry); });
      who.appendChild(button);
      tr.appendChild(who);
      var why = el('td', 'why');
      why.appendChild(el('span', 'badge state state-' + entry.state, entry.state));
      var reason = el('span', 'reason', entry.reason || '—');
      if (entry.reason && REASONS[entry.reason]) reason.title = REASONS[entry.reason];
      why.appendChild(document.createTextNode(' '));
      why.appendChild(reason);
      if (entry.poolId) {
        var tag = el('span', 'pool-tag', 'pool ' + entry.poolId);
        tag.title = 'The pool whose seats ' + entry.userId + ' waits for';
        why.appendChild(tag);
      }
      tr.appendChild(why);
      var since = el('td', 'when');
      since.appendChild(timeElement(entry.since, true));
      tr.appendChild(since);
      rows.appendChild(tr);
    });
    card.rows.replaceChildren(rows);

    var more = waiting - queue.length;
    card.more.hidden = more <= 0;
    card.more.textContent = more > 0 ? '… and ' + fmt(more) + ' more' : '';
  }

  function renderPools(card, pools) {
    card.pools.hidden = pools.length === 0;
    var rows = document.createDocumentFragment();
    pools.forEach(function (p) {
      var tr = el('tr');
      tr.appendChild(el('td', 'id', p.poolId));
      tr.appendChild(el('td', 'id', p.groupId));
      tr.appendChild(el('td', null, fmt(p.seats)));
      tr.appendChild(el('td', null, fmt(p.assigned)));
      tr.appendChild(el('td', null, fmt(p.queued)));
      tr.appendChild(el('td', null, fmt(p.available)));
      tr.appendChild(el('td', null, p.borrow ? 'yes' : 'no'));
      rows.appendChild(tr);
    });
    card.pools.querySelector('tbody').replaceChildren(rows);
  }

  function compareGroups(a, b) {
    var x = a[groupSort.key];
    var y = b[groupSort.key];
    var c = typeof x === 'string' ? x.localeCompare(y) : x - y;
    if (groupSort.descending) c = -c;
    return c !== 0 ? c : a.groupId.localeCompare(b.groupId);
  }

  /** The tenant's licensed groups (Group status): members, members in error, and per SKU who is where. */
  function renderGroups(t, groups) {
    var json = JSON.stringify(groups);
    if (t.groupsJson === json) return;
    t.groupsJson = json;
    t.groups.hidden = groups.length === 0;
    t.groups.querySelectorAll('th').forEach(function (th) {
      var button = th.querySelector('.sort');
      if (!button) return;
      if (button.dataset.key === groupSort.key) th.setAttribute('aria-sort', groupSort.descending ? 'descending' : 'ascending');
      else th.removeAttribute('aria-sort');
    });
    var rows = document.createDocumentFragment();
    groups.slice().sort(compareGroups).forEach(function (g) {
      var tr = el('tr');
      tr.dataset.group = g.groupId;
      tr.appendChild(el('td', 'user', g.groupId));
      tr.appendChild(el('td', 'num', fmt(g.members)));
      tr.appendChild(el('td', 'num' + (g.membersWithLicenseErrors > 0 ? ' in-error' : ''), fmt(g.membersWithLicenseErrors)));
      var lic = el('td');
      (g.licenses || []).forEach(function (l) {
        var span = el('span', 'lic', l.skuId + ' ' + fmt(l.assigned) + ' / ' + fmt(l.queued) + ' / ' + fmt(l.blocked));
        span.title = l.skuId + ': ' + l.assigned + ' assigned, ' + l.queued + ' queued, ' + l.blocked + ' blocked'
          + (l.disabledPlans && l.disabledPlans.length ? '; disabled plans ' + l.disabledPlans.join(', ') : '');
        lic.appendChild(span);
      });
      tr.appendChild(lic);
      rows.appendChild(tr);
    });
    t.groups.querySelector('tbody').replaceChildren(rows);
  }

  function renderTenants(tenants) {
    $('no-tenants').hidden = tenants.length > 0;
    var keep = new Set();
    var previous = $('no-tenants');
    tenants.forEach(function (tenant) {
      keep.add(tenant.tenantId);
      var t = tenantSection(tenant.tenantId);
      var skus = tenant.skus || [];
      var keepSkus = new Set();
      var previousCard = null;
      var waiting = 0;
      skus.forEach(function (sku) {
        keepSkus.add(sku.skuId);
        waiting += sku.waiting || 0;
        var card = skuCard(t, tenant.tenantId, sku.skuId);
        renderSku(card, tenant.tenantId, sku);
        var wanted = previousCard ? previousCard.root.nextSibling : t.grid.firstChild;
        if (card.root !== wanted) t.grid.insertBefore(card.root, wanted);
        previousCard = card;
      });
      t.cards.forEach(function (card, skuId) {
        if (!keepSkus.has(skuId)) { card.root.remove(); t.cards.delete(skuId); }
      });
      renderGroups(t, tenant.groups || []);
      var groups = tenant.groups || [];
      t.summary.textContent = skus.length + (skus.length === 1 ? ' SKU' : ' SKUs') + ' · '
        + fmt(waiting) + ' waiting' + (groups.length ? ' · ' + groups.length + ' licensed '
          + (groups.length === 1 ? 'group' : 'groups') : '');
      if (previous.nextSibling !== t.section) previous.after(t.section);
      previous = t.section;
    });
    tenantSections.forEach(function (t, tenantId) {
      if (!keep.has(tenantId)) { t.section.remove(); tenantSections.delete(tenantId); }
    });
  }

  // ---- latest events -----------------------------------------------------------------------

  var latestJson = null;

  function eventKey(e) {
    return [e.time, e.tenantId, e.userId, e.skuId, e.state, e.previousState, e.reason].join('|');
  }

  function renderLatest(latest) {
    var json = JSON.stringify(latest);
    if (json === latestJson) return;
    latestJson = json;
    $('no-latest').hidden = latest.length > 0;
    var items = document.createDocumentFragment();
    var keys = new Set();
    latest.forEach(function (e) {
      var key = eventKey(e);
      keys.add(key);
      var li = el('li', 'event');
      li.dataset.user = e.userId;
      li.dataset.state = e.state;
      if (!firstRender && !seenEvents.has(key)) li.classList.add('is-new');
      li.appendChild(timeElement(e.time, false));
      var what = el('span', 'what');
      what.appendChild(el('span', 'who', e.userId));
      what.appendChild(el('span', 'where', e.skuId + ' · ' + e.tenantId));
      li.appendChild(what);
      var change = el('span', 'change');
      change.appendChild(el('span', 'badge state state-' + e.state, e.state));
      if (e.reason) change.appendChild(el('span', 'reason', e.reason));
      change.appendChild(el('span', 'prev', '← ' + (e.previousState || 'none')));
      li.appendChild(change);
      li.setAttribute('aria-label', e.userId + ' ' + e.state + (e.reason ? ' (' + e.reason + ')' : '')
        + ' for ' + e.skuId + ' in ' + e.tenantId + ', was ' + (e.previousState || 'none'));
      items.appendChild(li);
    });
    latestEl.replaceChildren(items);
    seenEvents = keys;
  }

  var alertsJson = null;

  function renderAlerts(alerts) {
    var json = JSON.stringify(alerts);
    if (json === alertsJson) return;
    alertsJson = json;
    $('no-alerts').hidden = alerts.length > 0;
    var items = document.createDocumentFragment();
    alerts.slice(0, 10).forEach(function (a) {
      var li = el('li', 'event alert-event');
      li.dataset.sku = a.skuId;
      li.appendChild(timeElement(a.time, false));
      var what = el('span', 'what');
      what.appendChild(el('span', 'who', a.skuId));
      what.appendChild(el('span', 'where', a.tenantId));
      li.appendChild(what);
      var change = el('span', 'change');
      change.appendChild(el('span', 'badge alert alert-' + a.level, a.level));
      change.appendChild(el('span', 'prev', '← ' + a.previousLevel));
      change.appendChild(el('span', 'reason', a.assigned + '/' + a.seats + ' assigned, ' + a.queued + ' queued'));
      li.appendChild(change);
      items.appendChild(li);
    });
    $('alerts').replaceChildren(items);
  }

  // ---- explanation of one waiting user (api/explain) ---------------------------------------

  function explain(tenantId, userId, skuId, entry) {
    var dialog = $('explain');
    var body = $('explain-body');
    $('explain-title').textContent = userId + ' · ' + skuId;
    body.textContent = 'Loading…';
    if (typeof dialog.showModal === 'function') { if (!dialog.open) dialog.showModal(); } else { dialog.setAttribute('open', ''); }
    var url = 'api/explain?tenant=' + encodeURIComponent(tenantId) + '&user=' + encodeURIComponent(userId)
      + '&sku=' + encodeURIComponent(skuId);
    fetch(url, { cache: 'no-store' })
      .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.json(); })
      .then(function (x) {
        body.textContent = x.summary || x.explanation
          || (x.state + (x.reason ? ' (' + x.reason + ')' : '') + (x.position ? ', position ' + x.position : ''));
      })
      .catch(function () {
        body.textContent = entry.state + (entry.reason ? ' (' + entry.reason + ')' : '') + ', position '
          + entry.position + '. ' + (REASONS[entry.reason] || '');
      });
  }

  // ---- polling -----------------------------------------------------------------------------

  var lastState = null;

  function render(state) {
    lastState = state;
    renderStrip(state);
    renderTenants(state.tenants || []);
    renderAlerts(state.alerts || []);
    renderLatest(state.latest || []);
    firstRender = false;
  }

  function poll() {
    var controller = typeof AbortController === 'function' ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, TIMEOUT_MS) : null;
    fetch('api/state', { cache: 'no-store', signal: controller ? controller.signal : undefined })
      .then(function (response) {
        if (!response.ok) throw new Error('HTTP ' + response.status);
        return response.json();
      })
      .then(function (state) {
        lastSuccess = new Date();
        render(state);
        if (state.ready) setConnection('ok', 'Ready', 'Live: refreshed every second');
        else setConnection('wait', 'Not ready', 'Restoring state or not yet polling');
      })
      .catch(function (error) {
        setConnection('down', 'Disconnected',
          'Cannot reach the service (' + (error && error.message ? error.message : error) + ')'
            + (lastSuccess ? '; showing data from ' + clock(lastSuccess) : ''));
      })
      .then(function () {
        if (timer) clearTimeout(timer);
        tickAges();
        setTimeout(poll, POLL_MS);
      });
  }

  setInterval(tickAges, 1000);
  poll();
})();
