// build.mjs copies the parts of nhsuk-frontend that Workframe uses from
// node_modules into static/vendor (git-ignored), which web.go embeds.
//
//   npm ci && node build.mjs
//
// It uses only Node's standard library, is idempotent (the output folder is
// rebuilt from scratch each run and swapped in whole), and stops with an error
// when anything it expects is missing or has changed shape in a new release.
//
// What it writes:
//
//   static/vendor/nhsuk-frontend.min.css  compiled CSS, @font-face removed,
//                                          asset URLs made relative to the
//                                          CSS file (so /static/vendor/assets/...)
//   static/vendor/nhsuk-fonts.css         the removed @font-face rules, for a
//                                          deployment that allows assets.nhs.uk
//   static/vendor/nhsuk-frontend.min.js   the ES module bundle (exports initAll)
//   static/vendor/assets/...              images the CSS refers to, favicons,
//                                          touch icons and manifest.json
//   static/vendor/VERSION                 the nhsuk-frontend version copied
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const pkgDir = path.join(here, 'node_modules', 'nhsuk-frontend')
const dist = path.join(pkgDir, 'dist', 'nhsuk')
const out = path.join(here, 'static', 'vendor')
const tmp = path.join(here, 'static', '.vendor.tmp')

// Files the pages link to directly (see the nhsuk-frontend template's
// headIcons block). The CSS's own images are found by scanning the CSS.
const headAssets = [
  'assets/images/favicon.ico',
  'assets/images/favicon.svg',
  'assets/images/nhsuk-icon-mask.svg',
  'assets/images/nhsuk-icon-180.png',
  'assets/manifest.json'
]

// The snippet from dist/nhsuk/template.njk that marks JavaScript support.
// Our copy lives in static/js/js-enabled.js (a file, because the CSP forbids
// inline scripts); if the template changes, this build fails so we update it.
const jsEnabledSnippet =
  "document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' nhsuk-frontend-supported' : '');"

function fail (msg) {
  console.error(`build.mjs: ${msg}`)
  process.exit(1)
}

function need (file) {
  if (!fs.existsSync(file)) {
    fail(`missing ${path.relative(here, file)} (run "npm ci" in web/ first)`)
  }
  return file
}

function read (rel) {
  return fs.readFileSync(need(path.join(dist, rel)), 'utf8')
}

function copy (rel) {
  const dst = path.join(tmp, rel)
  fs.mkdirSync(path.dirname(dst), { recursive: true })
  fs.copyFileSync(need(path.join(dist, rel)), dst)
}

function write (rel, text) {
  const dst = path.join(tmp, rel)
  fs.mkdirSync(path.dirname(dst), { recursive: true })
  fs.writeFileSync(dst, text)
}

function stripSourceMap (text) {
  return text.replace(/\n?\/[*/]# sourceMappingURL=\S+(\s*\*\/)?\s*$/, '\n')
}

// The installed package must be the version package.json pins.
const pinned = JSON.parse(fs.readFileSync(path.join(here, 'package.json'), 'utf8')).dependencies['nhsuk-frontend']
const installed = JSON.parse(fs.readFileSync(need(path.join(pkgDir, 'package.json')), 'utf8')).version
if (pinned !== installed) {
  fail(`package.json pins nhsuk-frontend ${pinned} but ${installed} is installed (run "npm ci")`)
}

fs.rmSync(tmp, { recursive: true, force: true })
fs.mkdirSync(tmp, { recursive: true })

// CSS: take out the web font, keep it aside, and point asset URLs at our copy.
let css = stripSourceMap(read('nhsuk-frontend.min.css'))
const fontFaces = css.match(/@font-face\s*\{[^}]*\}/g) || []
if (fontFaces.length === 0) {
  fail('no @font-face rule found in nhsuk-frontend.min.css: check how this release loads its font')
}
css = css.replace(/@font-face\s*\{[^}]*\}/g, '')
write('nhsuk-fonts.css', fontFaces.join('\n') + '\n')

const cssAssets = new Set()
css = css.replace(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g, (match, quote, url) => {
  if (url.startsWith('data:')) return match
  const m = /^\/assets\/(.+)$/.exec(url)
  if (!m) fail(`unexpected URL in nhsuk-frontend.min.css: ${url}`)
  cssAssets.add(`assets/${m[1]}`)
  return `url(${quote}assets/${m[1]}${quote})`
})
if (/https?:\/\/|url\(\s*['"]?\/\//.test(css.replace(/http:\/\/www\.w3\.org\/2000\/svg/g, ''))) {
  fail('nhsuk-frontend.min.css still refers to another host after the rewrite')
}
write('nhsuk-frontend.min.css', css)
for (const rel of cssAssets) copy(rel)

// JavaScript: the minified bundle is an ES module; app.js imports initAll.
const js = stripSourceMap(read('nhsuk-frontend.min.js'))
if (!/export\s*\{[^}]*\binitAll\b[^}]*\}/.test(js)) {
  fail('nhsuk-frontend.min.js is not an ES module exporting initAll')
}
write('nhsuk-frontend.min.js', js)

// Favicons, touch icons and the web app manifest with every icon it lists.
for (const rel of headAssets) copy(rel)
const manifest = JSON.parse(read('assets/manifest.json'))
for (const icon of manifest.icons || []) copy(path.posix.join('assets', icon.src))

// Our js-enabled.js must still match the template's snippet.
if (!read('template.njk').includes(jsEnabledSnippet)) {
  fail('the js-enabled snippet in dist/nhsuk/template.njk changed: update static/js/js-enabled.js and build.mjs')
}
const ours = fs.readFileSync(need(path.join(here, 'static', 'js', 'js-enabled.js')), 'utf8')
if (!ours.includes(jsEnabledSnippet)) {
  fail('static/js/js-enabled.js no longer holds the template\'s js-enabled snippet')
}

write('VERSION', installed + '\n')

fs.rmSync(out, { recursive: true, force: true })
fs.renameSync(tmp, out)

const files = []
;(function walk (dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) walk(p)
    else files.push(path.relative(here, p))
  }
})(out)
console.log(`nhsuk-frontend ${installed}: ${files.length} files in static/vendor`)
for (const f of files.sort()) console.log(`  ${f}`)
