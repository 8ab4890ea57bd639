#!/usr/bin/env python3
"""Random scenario generator stressing contract v2. gen(seed, tenant) -> list of event dicts"""
import random, json, os
WEIRD = os.environ.get('WEIRD') == '1'
BIG = os.environ.get('BIG') == '1'

def gen(seed, tenant, nev=None, mode=None, shared_src=False):
    r = random.Random(seed)
    if mode is None: mode = r.choice(['normal', 'heavy'])
    nu = r.randint(5, 15); ng = r.randint(3, 8); ns = r.randint(1, 3); npool = r.randint(0, 4)
    if mode == 'heavy':
        nu = r.randint(5, 9); ng = r.randint(3, 5); ns = r.randint(1, 2); npool = r.randint(2, 4)
    users = ['u%d' % i for i in range(1, nu + 1)]
    groups = ['g%d' % i for i in range(1, ng + 1)]
    skus = ['S%d' % i for i in range(1, ns + 1)]
    pools = ['p%d' % i for i in range(1, npool + 1)] or ['p1']
    plans = ['A', 'B', 'C']
    if WEIRD:
        W = ['10', '9', 'A', 'a', 'Z', '\u00e4', '\U0001F600', '\uFF5A', '_', '-', 'B b', '\u00c4']
        r.shuffle(W); users = ['u' + x for x in W[:nu]]
        r.shuffle(W); groups = ['g' + x for x in W[:ng]]
        r.shuffle(W); skus = ['S' + x for x in W[:ns]]
        r.shuffle(W); pools = ['p' + x for x in W[:max(1, npool)]]
        plans = ['p\U0001F600', 'p\uFF5A', 'pA', 'pa']
    nev = nev or (r.randint(150, 300) if os.environ.get('LONG') == '1' else r.randint(20, 80))
    srcs = ['/dir', '/adm'] if shared_src else ['/dir/' + tenant, '/adm/' + tenant]
    evs = []
    n = 0
    w = {
        'directory.user.upserted': 10, 'directory.user.deleted': 2,
        'directory.group.member.added': 16, 'directory.group.member.removed': 4,
        'directory.group.subgroup.added': 8, 'directory.group.subgroup.removed': 3,
        'directory.group.deleted': 2,
        'licensing.subscription.upserted': 6, 'licensing.group.license.assigned': 8,
        'licensing.group.license.removed': 2, 'licensing.user.license.assigned': 4,
        'licensing.user.license.removed': 2, 'licensing.tenant.settings.upserted': 1,
        'licensing.reprocess.requested': 1, 'licensing.pool.upserted': 6 if npool else 0,
        'licensing.pool.removed': 1 if npool else 0, 'DUP': 2,
    }
    if mode == 'heavy':
        w.update({'directory.group.subgroup.added': 14, 'directory.group.subgroup.removed': 6,
                  'directory.group.deleted': 4, 'licensing.pool.upserted': 10, 'licensing.pool.removed': 3,
                  'licensing.subscription.upserted': 8})
    types = list(w); weights = [w[t] for t in types]
    while len(evs) < nev:
        t = r.choices(types, weights)[0]
        if t == 'DUP':
            if not evs: continue
            prev = r.choice(evs)
            if r.random() < 0.7:
                e = dict(prev)  # same source+id: must be ignored
                if r.random() < 0.5:
                    # different content, same identity
                    other = gen(r.randrange(10**9), tenant, 1, mode, shared_src)[0]
                    e = dict(other); e['id'] = prev['id']; e['source'] = prev['source']
                evs.append(e)
            else:
                e = dict(prev); e['source'] = srcs[0] if prev['source'] != srcs[0] else srcs[1]
                if (e['source'], e['id']) in {(x['source'], x['id']) for x in evs}:
                    continue
                evs.append(e)
            continue
        n += 1
        d = {}
        if t == 'directory.user.upserted':
            d['userId'] = r.choice(users)
            loc = r.choice(['US', 'DE', 'FR', None, '', 'MISSING', 'US'])
            if loc != 'MISSING': d['usageLocation'] = loc
            ty = r.choice(['Member', 'Member', 'Guest', 'MISSING', None])
            if ty != 'MISSING': d['userType'] = ty
        elif t == 'directory.user.deleted':
            d['userId'] = r.choice(users)
        elif t.startswith('directory.group.member'):
            d['groupId'] = r.choice(groups); d['userId'] = r.choice(users)
        elif t.startswith('directory.group.subgroup'):
            d['groupId'] = r.choice(groups)
            d['subgroupId'] = d['groupId'] if r.random() < 0.08 else r.choice(groups)
        elif t == 'directory.group.deleted':
            d['groupId'] = r.choice(groups)
        elif t == 'licensing.subscription.upserted':
            d['skuId'] = r.choice(skus); d['seats'] = r.choice([0, 1, 2, 2, 3, 3, 4, 5, 8] + ([2147483647, 2147483646] if BIG else []))
            d['status'] = r.choice(['Enabled'] * 5 + ['Warning', 'Suspended', 'Deleted'])
            if r.random() < 0.3: d['servicePlans'] = plans
            th = r.choice(['MISSING', None, 0, 1, 2, 3] + ([2147483647, 2147483645] if BIG else []))
            if th != 'MISSING': d['lowSeatsThreshold'] = th
        elif t in ('licensing.group.license.assigned', 'licensing.group.license.removed'):
            d['groupId'] = r.choice(groups); d['skuId'] = r.choice(skus)
            if t.endswith('assigned'):
                x = r.random()
                if x < 0.1: pass
                elif x < 0.15: d['disabledPlans'] = None
                else: d['disabledPlans'] = r.sample(plans, r.randint(0, 2))
        elif t in ('licensing.user.license.assigned', 'licensing.user.license.removed'):
            d['userId'] = r.choice(users); d['skuId'] = r.choice(skus)
            if t.endswith('assigned'):
                d['disabledPlans'] = r.sample(plans, r.randint(0, 2))
        elif t == 'licensing.tenant.settings.upserted':
            x = r.random()
            if x < 0.2: d = None
            else: d['defaultUsageLocation'] = r.choice(['US', None, '', 'DE'])
        elif t == 'licensing.reprocess.requested':
            x = r.random()
            if x < 0.3: d = None
            elif x < 0.5: pass
            else: d['userId'] = r.choice(users)
        elif t == 'licensing.pool.upserted':
            d['poolId'] = r.choice(pools); d['skuId'] = r.choice(skus); d['groupId'] = r.choice(groups)
            d['seats'] = r.choice([0, 1, 1, 2, 2, 3, 5, 9] + ([2147483647, 2147483646, 1073741824] if BIG else []))
            b = r.choice([True, False, False, 'MISSING', None])
            if b != 'MISSING': d['borrow'] = b
        elif t == 'licensing.pool.removed':
            d['poolId'] = r.choice(pools)
        e = {'specversion': '1.0', 'id': 'e%d' % n,
             'source': srcs[0] if t.startswith('directory') else srcs[1], 'type': t}
        if r.random() < 0.5: e['time'] = '2026-11-23T10:00:%02dZ' % (n % 60)
        e['tenantid'] = tenant
        if d is not None: e['data'] = d
        evs.append(e)
    return evs

if __name__ == '__main__':
    import sys
    for e in gen(int(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else 't'):
        print(json.dumps(e))
