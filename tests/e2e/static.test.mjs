// Rules for the files of web/ that a reader can check without a browser: no HTML built
// from strings, no eval, no inline script, style or event handler (the CSP would block
// them), nothing written to browser storage, nothing fetched from another origin, and
// every module that index.html preloads or a page imports exists.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const WEB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web');

function files(dir) {
    return fs.readdirSync(dir, {withFileTypes: true}).flatMap((d) =>
        d.isDirectory() ? files(path.join(dir, d.name)) : [path.join(dir, d.name)]);
}
const all = files(WEB);
const scripts = all.filter((f) => f.endsWith('.js'));
const rel = (f) => path.relative(WEB, f);

test('no HTML from strings, no eval, no style attributes, no browser storage writes in web/*.js', () => {
    const banned = [
        [/\.innerHTML\b|\.outerHTML\b|insertAdjacentHTML|document\.write|createContextualFragment|DOMParser/, 'HTML from strings'],
        [/\beval\s*\(|new\s+Function\s*\(|set(Timeout|Interval)\s*\(\s*['"`]/, 'code from strings'],
        [/setAttribute\(\s*['"]style['"]|\.style\.cssText|\.style\.\w+\s*=/, 'inline style (use a class)'],
        [/(localStorage|sessionStorage)\.setItem|indexedDB\.open|document\.cookie\s*=/, 'browser storage write'],
        // the SVG namespace name is an identifier, never fetched (document.createElementNS)
        [/https?:\/\/(?!www\.w3\.org\/2000\/svg['"])/, 'absolute URL (no CDN, no other origin)'],
    ];
    const found = [];
    for (const f of scripts) {
        fs.readFileSync(f, 'utf8').split('\n').forEach((line, i) => {
            const code = line.replace(/^\s*(\/\/|\/?\*).*$/, '');
            for (const [re, why] of banned)
                if (re.test(code))
                    found.push(`${rel(f)}:${i + 1}: ${why}: ${line.trim()}`);
        });
    }
    assert.deepEqual(found, []);
});

test('index.html has no inline script, style or handler, and loads only local files', () => {
    const html = fs.readFileSync(path.join(WEB, 'index.html'), 'utf8');
    assert.match(html, /<html lang="id">/);
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'inline <script>');
    assert.doesNotMatch(html, /<style\b/, 'inline <style>');
    assert.doesNotMatch(html, /\sstyle=/, 'style attribute');
    assert.doesNotMatch(html, /\son[a-z]+=/, 'inline event handler');
    for (const [, url] of html.matchAll(/\s(?:src|href)="([^"]+)"/g)) {
        if (url.startsWith('#'))
            continue;
        assert.ok(url.startsWith('/') && !url.startsWith('//'), 'local URL: ' + url);
        assert.ok(fs.existsSync(path.join(WEB, url)), 'index.html refers to a missing file: ' + url);
    }
});

test('every imported module exists', () => {
    const missing = [];
    for (const f of scripts) {
        const src = fs.readFileSync(f, 'utf8');
        for (const [, spec] of src.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g))
            if (!fs.existsSync(path.resolve(path.dirname(f), spec)))
                missing.push(`${rel(f)} → ${spec}`);
    }
    assert.deepEqual(missing, []);
});

test('the first load stays small', () => {
    const first = ['index.html', 'style.css', 'app.js', 'favicon.svg', 'js/api.js', 'js/dom.js',
                   'js/routes.js', 'js/shell.js', 'js/masuk.js', 'js/beranda.js', 'js/unit-tree.js'];
    const bytes = first.reduce((n, f) => n + fs.statSync(path.join(WEB, f)).size, 0);
    assert.ok(bytes < 150 * 1024, `first load is ${bytes} bytes uncompressed`);
});
