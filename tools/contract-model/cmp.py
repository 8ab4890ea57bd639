#!/usr/bin/env python3
"""usage: cmp.py START NBATCH PERBATCH  -- compare model vs jar; writes failing scenarios to fails/

Runs `java -jar $SEATFLOW_JAR replay` (default: reconciler/target/reconciler.jar of this checkout) on
NBATCH files of PERBATCH random tenants each (seeds from START), and the model on the same files.
Writes batches/ and fails/ in the current directory."""
import sys, json, subprocess, os, collections
sys.path.insert(0, os.path.dirname(__file__))
import model, gen

JAR = os.environ.get('SEATFLOW_JAR') or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), '..', '..', 'reconciler', 'target', 'reconciler.jar')
ORDER_ONLY = [0]

def jar(path, state=False):
    cmd = ['java', '-jar', JAR, 'replay', path] + (['--state'] if state else [])
    p = subprocess.run(cmd, capture_output=True, text=True)
    return [json.loads(l) for l in p.stdout.splitlines() if l.strip()], p.returncode, p.stderr

def rowkey(r):
    if 'licenses' in r and 'userId' in r: return ('U', r['tenantId'], r['userId'])
    if 'groupId' in r and 'members' in r: return ('G', r['tenantId'], r['groupId'])
    return ('S', r['tenantId'], r['skuId'])

def compare_file(path):
    lines = open(path).read().splitlines()
    mouts, tenants = model.run(lines)
    mstate = model.state_lines(tenants)
    jouts, rc, err = jar(path)
    jstate, rc2, err2 = jar(path, True)
    diffs = collections.defaultdict(list)
    byt = lambda L, f: collections.defaultdict(list, {})
    mo = collections.defaultdict(list); jo = collections.defaultdict(list)
    for o in mouts: mo[o['tenantid']].append(o)
    for o in jouts: jo[o['tenantid']].append(o)
    for t in set(mo) | set(jo):
        a, b = mo[t], jo[t]
        na = [(o['causationid'], json.dumps(o, sort_keys=True)) for o in a]
        nb = [(o['causationid'], json.dumps(o, sort_keys=True)) for o in b]
        def grp(L):
            out = []
            for c, x in L:
                if out and out[-1][0] == c: out[-1][1].append(x)
                else: out.append((c, [x]))
            return [(c, sorted(xs)) for c, xs in out]
        if a != b and grp(na) == grp(nb):
            ORDER_ONLY[0] += 1
        elif a != b:
            # first differing index
            i = next((i for i in range(min(len(a), len(b))) if a[i] != b[i]), min(len(a), len(b)))
            diffs[t].append(('events', i, a[i] if i < len(a) else None, b[i] if i < len(b) else None))
    ms = {rowkey(r): r for r in mstate}; js = {rowkey(r): r for r in jstate}
    for k in set(ms) | set(js):
        if ms.get(k) != js.get(k):
            diffs[k[1]].append(('state', k, ms.get(k), js.get(k)))
    if rc != 0: diffs['_rc'].append(('rc', rc, err[:2000]))
    return diffs, len(lines), len(mouts)

if __name__ == '__main__':
    start, nb, per = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    os.makedirs('fails', exist_ok=True); os.makedirs('batches', exist_ok=True)
    tot_s = tot_e = tot_o = 0; nfail = 0
    for b in range(nb):
        path = 'batches/b%d.jsonl' % (start + b)
        scen = {}
        import random as _r
        rr = _r.Random(start + b)
        shared = rr.random() < 0.5
        allev = []
        for k in range(per):
            seed = (start + b) * 1000 + k
            t = 't%d' % seed
            evs = gen.gen(seed, t, shared_src=shared)
            scen[t] = evs
            allev.append(list(evs))
            tot_s += 1; tot_e += len(evs)
        with open(path, 'w') as f:
            if rr.random() < 0.5:
                for evs in allev:
                    for e in evs: f.write(json.dumps(e) + '\n')
            else:  # interleave tenants, keeping each tenant's order
                idx = [0] * len(allev)
                while True:
                    live = [i for i in range(len(allev)) if idx[i] < len(allev[i])]
                    if not live: break
                    i = rr.choice(live); f.write(json.dumps(allev[i][idx[i]]) + '\n'); idx[i] += 1
        diffs, nl, no = compare_file(path)
        tot_o += no
        for t, ds in diffs.items():
            nfail += 1
            if t in scen:
                with open('fails/%s.jsonl' % t, 'w') as f:
                    for e in scen[t]: f.write(json.dumps(e) + '\n')
            print('FAIL', t, json.dumps(ds[0])[:1500])
    print('order-only tenants', ORDER_ONLY[0], 'scenarios', tot_s, 'events', tot_e, 'outputs', tot_o, 'failing tenants', nfail)
