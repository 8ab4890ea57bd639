#!/usr/bin/env python3
"""usage: cov.py FILE...  -- how often each contract feature occurs in these input files (e.g. batches/*.jsonl)"""
import sys, os, json, glob, collections
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import model
C=collections.Counter()
files=sys.argv[1:]
for f in files:
    T={}
    for line in open(f):
        if not line.strip(): continue
        ev=json.loads(line); t=T.setdefault(ev['tenantid'], model.Tenant(ev['tenantid']))
        key=(ev['source'],ev['id'])
        if key in t.seen_set: C['dup (ignored)']+=1; t.apply(ev); continue
        d=ev.get('data') or {}; ty=ev['type']; C[ty]+=1
        if ty=='directory.group.subgroup.added':
            g,s=d['groupId'],d['subgroupId']
            if g==s: C['subgroup self-add']+=1
            elif g in t.members_groups(s) if hasattr(t,'members_groups') else False: pass
            # cycle: g reachable from s
            reach=set(); st=[s]
            while st:
                x=st.pop()
                for k,i in t.links.get(x,[]):
                    if k=='g' and i not in reach: reach.add(i); st.append(i)
            if g in reach or g==s: C['subgroup add closing a cycle']+=1
            if t.links.get(s): C['subgroup add of non-empty group']+=1
        if ty=='directory.group.subgroup.removed':
            if ('g',d['subgroupId']) in t.links.get(d['groupId'],[]): C['subgroup removed (existing link)']+=1
        if ty=='directory.group.deleted':
            g=d['groupId']
            if any(('g',g) in l for l in t.links.values()): C['delete group that is a subgroup']+=1
            if t.glic.get(g): C['delete licensed group']+=1
            if any(p['group']==g for p in t.pools.values()): C['delete pool group']+=1
            t.deleted=getattr(t,'deleted',set()); t.deleted.add(g)
        if ty in('directory.group.member.added','licensing.group.license.assigned','directory.group.subgroup.added') and d.get('groupId') in getattr(t,'deleted',set()):
            C['group id reused after deletion']+=1; t.deleted.discard(d['groupId'])
        if ty=='licensing.pool.upserted':
            b=d.get('borrow','absent'); C['pool borrow=%s'%b]+=1
            if d['seats']>t.sku_seats(d['skuId']): C['pool larger than subscription']+=1
            if d['poolId'] in t.pools: C['pool resized/replaced']+=1
        if ty=='licensing.pool.removed' and d['poolId'] in t.pools: C['pool removed (existing)']+=1
        if ty=='licensing.subscription.upserted':
            C['sub status %s'%d['status']]+=1; C['threshold %s'%('absent' if 'lowSeatsThreshold' not in d else d['lowSeatsThreshold'] if d['lowSeatsThreshold'] is None else 'int')]+=1
        if ty=='directory.user.upserted':
            if d.get('userType')=='Guest': C['guest upsert']+=1
            if not d.get('usageLocation'): C['upsert without location']+=1
        if ty=='licensing.tenant.settings.upserted' and (d.get('defaultUsageLocation')): C['tenant default set']+=1
        if ty=='licensing.user.license.assigned' and d.get('disabledPlans'): C['direct with disabled plans']+=1
        t.apply(ev)
        # user in two pools for a SKU
        for sku in set(p['sku'] for p in t.pools.values()):
            ps=[p for p in t.pools.values() if p['sku']==sku]
            if len(ps)>=2: C['_events with >=2 pools on one sku']+=1
            cnt=collections.Counter()
            for p in ps:
                for u in t.members(p['group']): cnt[u]+=1
            if any(v>=2 for v in cnt.values()): C['_events with a user in 2 pools of one sku']+=1
        for (u,sku),e in t.entries.items():
            if len(e['groups'])>=2 or (e['groups'] and e['direct']): C['_entries multi-source (entry-events)']+=1; break
        for sku in set(s for _,s in t.entries):
            h=sum(1 for k,e in t.entries.items() if k[1]==sku and e['state']=='Assigned')
            if h>t.sku_seats(sku): C['_events with overAllocated sku']+=1
for k,v in sorted(C.items()): print('%7d  %s'%(v,k))
