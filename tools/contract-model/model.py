#!/usr/bin/env python3
"""Independent executable model of the Seatflow contract v2.
usage: model.py FILE [--state]
"""
import sys, json, hashlib, struct, uuid
from functools import cmp_to_key

def jkey(s):
    # Java String.compareTo orders by UTF-16 code units; for ASCII ids python order is the same
    return s.encode('utf-16-be')

def jsorted(it):
    return sorted(it, key=jkey)

def out_id(tenant, source, eid, user, sku):
    b = b''.join(struct.pack('>I', len(p.encode())) + p.encode() for p in (tenant, source, eid, user, sku))
    h = bytearray(hashlib.sha1(b).digest()[:16])
    h[6] = (h[6] & 0x0f) | 0x50
    h[8] = (h[8] & 0x3f) | 0x80
    return str(uuid.UUID(bytes=bytes(h)))

class Tenant:
    def __init__(self, tid):
        self.tid = tid
        self.seen = []            # dedup window (ordered)
        self.seen_set = set()
        self.users = {}           # userId -> (loc or None, type)
        self.links = {}           # groupId -> list of ('u',id)/('g',id) in join order
        self.glic = {}            # groupId -> {sku: disabledPlans(list)}
        self.direct = {}          # (user, sku) -> disabledPlans
        self.subs = {}            # sku -> dict(seats, status, thr)
        self.default_loc = None
        self.pools = {}           # poolId -> dict(sku, group, seats, borrow)
        self.entries = {}         # (user, sku) -> dict(state, reason, dp, groups, direct, pos)
        self.counter = 0
        self.alerts = {}          # sku -> level (row level)
        self.alert_events = []

    # ---- membership ----
    def member_order(self, g):
        visited = {g}
        out = []
        seen_u = set()
        def walk(x):
            for kind, i in self.links.get(x, []):
                if kind == 'u':
                    if i not in seen_u:
                        seen_u.add(i); out.append(i)
                else:
                    if i not in visited:
                        visited.add(i); walk(i)
        walk(g)
        return out

    def members(self, g):
        return set(self.member_order(g))

    # ---- entitlement ----
    def entitlements(self):
        """(user, sku) -> (dp set-list, groups sorted, direct)"""
        ent = {}
        memb = {}
        for g, lic in self.glic.items():
            if not lic: continue
            ms = self.members(g)
            memb[g] = ms
            for sku, dp in lic.items():
                for u in ms:
                    e = ent.setdefault((u, sku), {'groups': [], 'dps': [], 'direct': False})
                    e['groups'].append(g); e['dps'].append(set(dp))
        for (u, sku), dp in self.direct.items():
            e = ent.setdefault((u, sku), {'groups': [], 'dps': [], 'direct': False})
            e['direct'] = True; e['dps'].append(set(dp))
        res = {}
        for k, e in ent.items():
            dp = set.intersection(*e['dps'])
            res[k] = (jsorted(dp), jsorted(e['groups']), e['direct'])
        return res

    def sku_seats(self, sku):
        s = self.subs.get(sku)
        return s['seats'] if s else 0

    def sku_status(self, sku):
        s = self.subs.get(sku)
        return s['status'] if s else None

    def blocked_reason(self, u, sku, direct):
        usr = self.users.get(u)
        loc = usr[0] if usr else None
        typ = usr[1] if usr else 'Member'
        if not loc and not self.default_loc:
            return 'UsageLocationRequired'
        if typ == 'Guest' and not direct:
            return 'GuestUser'
        if self.sku_status(sku) in ('Suspended', 'Deleted'):
            return 'SubscriptionInactive'
        return None

    def user_pool(self, u, sku, memo):
        best = None
        for pid, p in self.pools.items():
            if p['sku'] != sku: continue
            g = p['group']
            if g not in memo: memo[g] = self.members(g)
            if u in memo[g]:
                if best is None or jkey(pid) < jkey(best): best = pid
        return best

    # ---- main recompute ----
    def recompute(self, order_group):
        ent = self.entitlements()
        new_entries = {}
        # removed
        # newly entitled: assign positions
        newly = [k for k in ent if k not in self.entries]
        if newly:
            if order_group is not None:
                mo = self.member_order(order_group)
                idx = {u: i for i, u in enumerate(mo)}
            else:
                idx = {}
            newly.sort(key=lambda k: (idx.get(k[0], 10**9), jkey(k[0]), jkey(k[1])))
            # positions: by user order (position per sku; global counter keeps order per sku)
            for k in newly:
                self.counter += 1
                new_entries[k] = {'state': None, 'reason': None, 'pos': self.counter}
        for k, (dp, groups, direct) in ent.items():
            if k in self.entries:
                e = dict(self.entries[k])
            else:
                e = new_entries[k]
            e['dp'] = dp; e['groups'] = groups; e['direct'] = direct
            new_entries[k] = e
        # state derivation
        memo = {}
        skus = set(sku for (_, sku) in new_entries)
        for sku in skus:
            ks = [k for k in new_entries if k[1] == sku]
            status = self.sku_status(sku)
            holders = []
            waiting = []
            for k in ks:
                e = new_entries[k]
                if e['state'] == 'Assigned':
                    if status == 'Deleted':
                        e['state'] = 'Blocked'
                        e['reason'] = self.blocked_reason(k[0], sku, e['direct'])
                        waiting.append(k)
                    else:
                        holders.append(k)
                else:
                    waiting.append(k)
            seats = self.sku_seats(sku)
            pools = {pid: p for pid, p in self.pools.items() if p['sku'] == sku}
            reserved = sum(p['seats'] for p in pools.values())
            shared_seats = max(0, seats - reserved)
            upool = {k[0]: self.user_pool(k[0], sku, memo) for k in ks}
            held = {pid: 0 for pid in pools}
            nopool_holders = 0
            for k in holders:
                p = upool[k[0]]
                if p is None: nopool_holders += 1
                else: held[p] += 1
            def shared_used():
                return nopool_holders + sum(max(0, held[p] - pools[p]['seats']) for p in pools)
            elig = []
            for k in waiting:
                e = new_entries[k]
                r = self.blocked_reason(k[0], sku, e['direct'])
                if r:
                    e['state'] = 'Blocked'; e['reason'] = r
                else:
                    elig.append(k)
            elig.sort(key=lambda k: new_entries[k]['pos'])
            assigned = len(holders)
            while True:
                if assigned >= seats: break
                su = shared_used()
                chosen = None
                for k in elig:
                    p = upool[k[0]]
                    ok = False
                    if p is not None and held[p] < pools[p]['seats']:
                        ok = True
                    elif (p is None or pools[p]['borrow']) and su < shared_seats:
                        ok = True
                    if ok:
                        chosen = k; break
                if chosen is None: break
                elig.remove(chosen)
                p = upool[chosen[0]]
                if p is None: nopool_holders += 1
                else: held[p] += 1
                assigned += 1
                new_entries[chosen]['state'] = 'Assigned'; new_entries[chosen]['reason'] = None
            for k in elig:
                new_entries[k]['state'] = 'Queued'; new_entries[k]['reason'] = 'SeatsExhausted'
        # diff
        changes = []
        for k in set(self.entries) | set(new_entries):
            old = self.entries.get(k)
            new = new_entries.get(k)
            if new is None:
                changes.append((k, old, None, old['pos']))
            elif old is None or any(old[f] != new[f] for f in ('state', 'reason', 'dp', 'groups', 'direct')):
                changes.append((k, old, new, new['pos']))
        oidx = {}
        if order_group is not None:
            oidx = {u: i for i, u in enumerate(self.member_order(order_group))}
        changes.sort(key=lambda c: (jkey(c[0][1]), oidx.get(c[0][0], 10**9), c[3]))
        self.entries = new_entries
        return changes

    # ---- rows ----
    def seats_rows(self):
        skus = set(self.subs) | set(sku for (_, sku) in self.entries)
        rows = {}
        memo = {}
        for sku in skus:
            seats = self.sku_seats(sku); status = self.sku_status(sku)
            ks = [k for k in self.entries if k[1] == sku]
            assigned = sum(1 for k in ks if self.entries[k]['state'] == 'Assigned')
            queued = sum(1 for k in ks if self.entries[k]['state'] == 'Queued')
            blocked = sum(1 for k in ks if self.entries[k]['state'] == 'Blocked')
            avail = max(0, seats - assigned) if status in ('Enabled', 'Warning', None) else 0
            thr = self.subs[sku]['thr'] if sku in self.subs else None
            pools = sorted([(pid, p) for pid, p in self.pools.items() if p['sku'] == sku], key=lambda x: jkey(x[0]))
            prow = []
            for pid, p in pools:
                h = q = 0
                for k in ks:
                    if self.user_pool(k[0], sku, memo) == pid:
                        st = self.entries[k]['state']
                        if st == 'Assigned': h += 1
                        elif st == 'Queued': q += 1
                prow.append({'poolId': pid, 'groupId': p['group'], 'seats': p['seats'], 'borrow': p['borrow'],
                             'assigned': h, 'queued': q, 'available': min(max(0, p['seats'] - h), avail)})
            if assigned > seats: lvl = 'OverAllocated'
            elif queued > 0: lvl = 'Exhausted'
            elif status in ('Enabled', 'Warning') and thr is not None and avail <= thr: lvl = 'Low'
            else: lvl = 'Ok'
            rows[sku] = {'tenantId': self.tid, 'skuId': sku, 'seats': seats, 'status': status, 'assigned': assigned,
                         'waiting': queued + blocked, 'available': avail, 'overAllocated': max(0, assigned - seats),
                         'queued': queued, 'lowSeatsThreshold': thr, 'alert': lvl,
                         'reserved': sum(p['seats'] for _, p in pools), 'pools': prow}
        return rows

    def user_rows(self):
        by = {}
        for (u, sku), e in self.entries.items():
            by.setdefault(u, []).append((sku, e))
        rows = {}
        for u, l in by.items():
            l.sort(key=lambda x: jkey(x[0]))
            rows[u] = {'tenantId': self.tid, 'userId': u, 'licenses': [
                {'skuId': sku, 'state': e['state'], 'reason': e['reason'], 'disabledPlans': e['dp'],
                 'assignedByGroups': e['groups'], 'direct': e['direct']} for sku, e in l]}
        return rows

    def group_rows(self):
        rows = {}
        for g, lic in self.glic.items():
            if not lic: continue
            ms = self.members(g)
            lics = []
            err = set()
            for sku in jsorted(lic):
                c = {'Assigned': 0, 'Queued': 0, 'Blocked': 0}
                for u in ms:
                    st = self.entries[(u, sku)]['state']
                    c[st] += 1
                    if st != 'Assigned': err.add(u)
                lics.append({'skuId': sku, 'disabledPlans': jsorted(lic[sku]), 'assigned': c['Assigned'],
                             'queued': c['Queued'], 'blocked': c['Blocked']})
            rows[g] = {'tenantId': self.tid, 'groupId': g, 'members': len(ms),
                       'membersWithLicenseErrors': len(err), 'licenses': lics}
        return rows

    # ---- apply ----
    def apply(self, ev, window=10000):
        key = (ev['source'], ev['id'])
        if key in self.seen_set:
            return []
        self.seen.append(key); self.seen_set.add(key)
        if len(self.seen) > window:
            old = self.seen.pop(0); self.seen_set.discard(old)
        t = ev['type']; d = ev.get('data') or {}
        order_group = None
        def unlink(g, item):
            l = self.links.get(g)
            if l and item in l: l.remove(item)
        def link(g, item):
            l = self.links.setdefault(g, [])
            if item not in l: l.append(item)
        if t == 'directory.user.upserted':
            loc = d.get('usageLocation') or None
            self.users[d['userId']] = (loc, d.get('userType') or 'Member')
        elif t == 'directory.user.deleted':
            u = d['userId']
            self.users.pop(u, None)
            for g in self.links: unlink(g, ('u', u))
            for k in [k for k in self.direct if k[0] == u]: del self.direct[k]
        elif t == 'directory.group.member.added':
            link(d['groupId'], ('u', d['userId']))
        elif t == 'directory.group.member.removed':
            unlink(d['groupId'], ('u', d['userId']))
        elif t == 'directory.group.deleted':
            g = d['groupId']
            self.links.pop(g, None)
            self.glic.pop(g, None)
            for x in self.links: unlink(x, ('g', g))
        elif t == 'directory.group.subgroup.added':
            g, s = d['groupId'], d['subgroupId']
            if g != s:
                link(g, ('g', s))
            order_group = s
        elif t == 'directory.group.subgroup.removed':
            unlink(d['groupId'], ('g', d['subgroupId']))
        elif t == 'licensing.subscription.upserted':
            self.subs[d['skuId']] = {'seats': d['seats'], 'status': d['status'], 'thr': d.get('lowSeatsThreshold')}
        elif t == 'licensing.group.license.assigned':
            self.glic.setdefault(d['groupId'], {})[d['skuId']] = list(d.get('disabledPlans') or [])
            order_group = d['groupId']
        elif t == 'licensing.group.license.removed':
            self.glic.get(d['groupId'], {}).pop(d['skuId'], None)
        elif t == 'licensing.user.license.assigned':
            self.direct[(d['userId'], d['skuId'])] = list(d.get('disabledPlans') or [])
        elif t == 'licensing.user.license.removed':
            self.direct.pop((d['userId'], d['skuId']), None)
        elif t == 'licensing.tenant.settings.upserted':
            self.default_loc = d.get('defaultUsageLocation') or None
        elif t == 'licensing.reprocess.requested':
            pass
        elif t == 'licensing.pool.upserted':
            b = d.get('borrow')
            self.pools[d['poolId']] = {'sku': d['skuId'], 'group': d['groupId'], 'seats': d['seats'],
                                       'borrow': True if b is None else b}
        elif t == 'licensing.pool.removed':
            self.pools.pop(d['poolId'], None)
        else:
            raise ValueError('unknown type ' + t)
        changes = self.recompute(order_group)
        outs = []
        for (u, sku), old, new, _ in changes:
            data = {'userId': u, 'skuId': sku,
                    'state': new['state'] if new else 'Removed',
                    'previousState': old['state'] if old else None,
                    'reason': new['reason'] if new else None,
                    'disabledPlans': new['dp'] if new else [],
                    'assignedByGroups': new['groups'] if new else [],
                    'direct': new['direct'] if new else False}
            o = {'specversion': '1.0', 'id': out_id(self.tid, ev['source'], ev['id'], u, sku),
                 'source': '/seatflow/reconciler', 'type': 'licensing.user.license.changed'}
            if ev.get('time') is not None: o['time'] = ev['time']
            o.update({'tenantid': self.tid, 'subject': u, 'causationid': ev['id'],
                      'datacontenttype': 'application/json', 'data': data})
            outs.append(o)
        return outs


def run(lines):
    tenants = {}
    outs = []
    for line in lines:
        if not line.strip(): continue
        ev = json.loads(line)
        tid = ev['tenantid']
        t = tenants.setdefault(tid, Tenant(tid))
        outs.extend(t.apply(ev))
    return outs, tenants

def state_lines(tenants):
    res = []
    for tid, t in tenants.items():
        res += list(t.user_rows().values())
        res += list(t.seats_rows().values())
        res += list(t.group_rows().values())
    return res

if __name__ == '__main__':
    f = sys.argv[1]
    lines = open(f).read().splitlines()
    outs, tenants = run(lines)
    if '--state' in sys.argv:
        for r in state_lines(tenants): print(json.dumps(r, separators=(',', ':')))
    else:
        for o in outs: print(json.dumps(o, separators=(',', ':')))
