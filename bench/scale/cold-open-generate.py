#!/usr/bin/env python3
"""Writes a long operation log straight into a stopped CollabDocs server's SQLite database.

The document must exist (created through the API, so its Documents, Snapshots and Members rows are the
server's own). Operations are the automerge-paper trace's edits, replayed in a loop; between loops one
operation deletes the whole text, so the document stays about the trace's size (<= 105 KB). Snapshots
are written the way the server writes them (every --snapshot-interval revisions, 100 by default) or,
with --snapshot-interval 0, not at all (a Join then replays the whole log from revision 0).

  python3 bench/scale/cold-open-generate.py DB DOC_ID [--operations 1000000] [--snapshot-interval 100]
"""
import argparse, gzip, json, os, sqlite3, time

here = os.path.dirname(os.path.abspath(__file__))
p = argparse.ArgumentParser()
p.add_argument('db'); p.add_argument('doc')
p.add_argument('--operations', type=int, default=1_000_000)
p.add_argument('--snapshot-interval', type=int, default=100)
p.add_argument('--trace', default=os.path.join(here, '..', '..', 'tests', 'traces', 'automerge-paper.json.gz'))
a = p.parse_args()

t0 = time.time()
trace = json.load(gzip.open(a.trace))
patches = [pt for txn in trace['txns'] for pt in txn['patches']]
db = sqlite3.connect(a.db)
(rev,) = db.execute('SELECT "Revision" FROM "Documents" WHERE "Id" = ?', (a.doc,)).fetchone()
(text,) = db.execute('SELECT "Text" FROM "Snapshots" WHERE "DocumentId" = ? ORDER BY "Revision" DESC LIMIT 1', (a.doc,)).fetchone()
now = int(time.time() * 1000)
db.execute('BEGIN')
ops, snaps, i = [], [], 0
def flush():
    db.executemany('INSERT INTO "Operations" ("DocumentId","Revision","Operation","ClientId","Seq","UserId","Timestamp") VALUES (?,?,?,?,?,?,?)', ops)
    db.executemany('INSERT INTO "Snapshots" ("DocumentId","Revision","Text","Timestamp") VALUES (?,?,?,?)', snaps)
    ops.clear(); snaps.clear()
while rev < a.operations:
    if i == len(patches):
        comps, new, i = [-len(text)], '', 0  # clear the text and replay the trace again
    else:
        pos, dele, ins = patches[i]; i += 1
        comps = ([pos] if pos else []) + ([ins] if ins else []) + ([-dele] if dele else [])
        rest = len(text) - pos - dele
        if rest: comps.append(rest)
        new = text[:pos] + ins + text[pos + dele:]
    if not comps:
        continue
    rev += 1
    text = new
    ops.append((a.doc, rev, json.dumps(comps, ensure_ascii=False, separators=(',', ':')), 'generator', rev, 'anonymous', now))
    if a.snapshot_interval and rev % a.snapshot_interval == 0:
        snaps.append((a.doc, rev, text, now))
    if len(ops) >= 50_000: flush()
flush()
db.execute('UPDATE "Documents" SET "Revision" = ?, "Length" = ?, "UpdatedAt" = ? WHERE "Id" = ?', (rev, len(text), now, a.doc))
db.commit()
db.close()
print(json.dumps({'revision': rev, 'length': len(text), 'snapshotInterval': a.snapshot_interval,
                  'dbMB': round(os.path.getsize(a.db) / 1048576, 1), 'seconds': round(time.time() - t0, 1)}))
