#!/usr/bin/env node
// The naive baseline for `papers search`: load every paper into fuse.js and fuzzy-search it.
// usage: node bench/naive-search.mjs DB_FILE QUERY   (the benchmark stops it at a time cap)
import Database from 'better-sqlite3';
import Fuse from 'fuse.js';

const [dbFile, query] = process.argv.slice(2);
const db = new Database(dbFile, { readonly: true });
const papers = db.prepare('SELECT id, title, abstract FROM papers').all();
const fuse = new Fuse(papers, { keys: [{ name: 'title', weight: 2 }, 'abstract'], ignoreLocation: true, threshold: 0.3 });
for (const hit of fuse.search(query, { limit: 10 })) console.log(`${hit.item.id}\t${hit.item.title}`);
