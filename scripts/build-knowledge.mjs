#!/usr/bin/env node
// Compiles knowledge/articles/*.md, knowledge/symbols/*.yaml and seeds/*.json into dist/knowledge.json,
// failing on a missing front-matter field or a broken cross-reference.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const articlesDir = join(root, 'knowledge', 'articles');
const symbolsDir = join(root, 'knowledge', 'symbols');
const seedsDir = join(root, 'seeds');
const outFile = join(root, 'dist', 'knowledge.json');

const RULE_HEADINGS = ['What happens', 'Why', 'What to do instead', 'Example', 'References'];
const KINDS = new Set(['rule', 'guide', 'reference']);
const errors = [];
const problem = (where, msg) => errors.push(`${where}: ${msg}`);

function splitFrontMatter(file, text) {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(text);
  if (!match) {
    problem(file, 'missing front matter (--- … --- at the top)');
    return undefined;
  }
  try {
    return { meta: parseYaml(match[1]) ?? {}, body: match[2] };
  } catch (err) {
    problem(file, `front matter is not valid YAML: ${err.message}`);
    return undefined;
  }
}

const isStringList = (v) => Array.isArray(v) && v.every((s) => typeof s === 'string');

function readArticle(name) {
  const file = `knowledge/articles/${name}`;
  const parsed = splitFrontMatter(file, readFileSync(join(articlesDir, name), 'utf8'));
  if (!parsed) return undefined;
  const { meta, body } = parsed;
  for (const field of ['id', 'title', 'summary', 'kind']) {
    if (typeof meta[field] !== 'string' || !meta[field].trim()) problem(file, `front matter field "${field}" is missing or empty`);
  }
  for (const field of ['symbols', 'rules', 'tags']) {
    if (!isStringList(meta[field])) problem(file, `front matter field "${field}" must be a list of strings`);
  }
  if (meta.id && `${meta.id}.md` !== name) problem(file, `id "${meta.id}" does not match the file name`);
  if (meta.kind && !KINDS.has(meta.kind)) problem(file, `kind must be one of ${[...KINDS].join(', ')}`);
  if (!Array.isArray(meta.sources) || meta.sources.length === 0) {
    problem(file, 'front matter field "sources" must list at least one source');
  } else {
    meta.sources.forEach((s, i) => {
      if (!s || typeof s.title !== 'string') problem(file, `sources[${i}] needs a title`);
      if (s && s.url !== undefined && !/^https:\/\/developer\.apple\.com\//.test(s.url) && !/^https:\/\//.test(s.url)) {
        problem(file, `sources[${i}].url must be an https URL`);
      }
    });
  }
  if (meta.kind === 'rule') {
    const headings = [...body.matchAll(/^## (.+)$/gm)].map((m) => m[1].trim());
    const missing = RULE_HEADINGS.filter((h) => !headings.includes(h));
    if (missing.length) problem(file, `missing heading(s): ${missing.map((h) => `## ${h}`).join(', ')}`);
  }
  return {
    id: meta.id, title: meta.title, summary: meta.summary, kind: meta.kind,
    symbols: meta.symbols ?? [], rules: meta.rules ?? [], tags: meta.tags ?? [], sources: meta.sources ?? [], body,
  };
}

/** Hover cards, one YAML list per API family (knowledge/symbols/<family>.yaml); a spelling may have one card only. */
function readSymbols(articleIds) {
  if (!existsSync(symbolsDir)) return [];
  const seen = new Map();
  const cards = [];
  for (const name of readdirSync(symbolsDir).filter((f) => f.endsWith('.yaml')).sort()) {
    const file = `knowledge/symbols/${name}`;
    let list;
    try {
      list = parseYaml(readFileSync(join(symbolsDir, name), 'utf8'));
    } catch (err) {
      problem(file, `not valid YAML: ${err.message}`);
      continue;
    }
    if (!Array.isArray(list)) {
      problem(file, 'must be a list of symbol cards');
      continue;
    }
    list.forEach((card, i) => {
      const where = `${file}[${i}]`;
      if (!isStringList(card.names) || card.names.length === 0) problem(where, '"names" must be a non-empty list');
      for (const field of ['title', 'summary', 'article']) if (typeof card[field] !== 'string') problem(where, `"${field}" is missing`);
      if (card.article && !articleIds.has(card.article)) problem(where, `article "${card.article}" does not exist`);
      if (card.requiresContext !== undefined && !isStringList(card.requiresContext)) problem(where, '"requiresContext" must be a list of strings');
      for (const spelling of card.names ?? []) {
        if (seen.has(spelling)) problem(where, `symbol "${spelling}" already has a card (${seen.get(spelling)})`);
        seen.set(spelling, where);
      }
      cards.push(card);
    });
  }
  return cards;
}

function readDigests(articleIds) {
  if (!existsSync(seedsDir)) return [];
  return readdirSync(seedsDir).filter((f) => f.endsWith('.json')).sort().map((name) => {
    const where = `seeds/${name}`;
    let digest;
    try {
      digest = JSON.parse(readFileSync(join(seedsDir, name), 'utf8'));
    } catch (err) {
      problem(where, `not valid JSON: ${err.message}`);
      return undefined;
    }
    for (const field of ['id', 'title', 'seed', 'kind', 'summary']) if (typeof digest[field] !== 'string') problem(where, `"${field}" is missing`);
    for (const field of ['errors', 'symbols', 'articles', 'rules']) if (!isStringList(digest[field])) problem(where, `"${field}" must be a list of strings`);
    for (const id of digest.articles ?? []) if (!articleIds.has(id)) problem(where, `article "${id}" does not exist`);
    return digest;
  }).filter(Boolean);
}

/** Every relative `(other.md)` link in an article must name an existing article. */
function checkLinks(articles, articleIds) {
  for (const article of articles) {
    for (const m of article.body.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = m[1];
      if (/^(https?:|mailto:|#)/.test(target)) continue;
      const id = target.replace(/^\.\//, '').replace(/\.md(#.*)?$/, '');
      if (!articleIds.has(id)) problem(`knowledge/articles/${article.id}.md`, `link to "${target}" does not resolve to an article`);
    }
  }
}

const articles = readdirSync(articlesDir).filter((f) => f.endsWith('.md')).sort().map(readArticle).filter(Boolean);
const articleIds = new Set(articles.map((a) => a.id));
const symbols = readSymbols(articleIds);
const digests = readDigests(articleIds);
checkLinks(articles, articleIds);

if (errors.length) {
  console.error(`[knowledge] ${errors.length} problem(s):\n  ${errors.join('\n  ')}`);
  process.exit(1);
}
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, JSON.stringify({ version: 1, articles, symbols, digests }));
console.error(`[knowledge] ${articles.length} articles, ${symbols.length} symbol cards, ${digests.length} digests -> dist/knowledge.json`);
