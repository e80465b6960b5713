/**
 * `/docs`: a self-contained page (no CDN, no external assets) that fetches /openapi.json and
 * lists every operation with its roles, parameters, body and responses.
 */
export const docsPageHtml = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Voxeron control API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#222}
h2{border-bottom:1px solid #ddd;margin-top:2rem}.op{border:1px solid #ddd;border-radius:6px;margin:.75rem 0;padding:.5rem .75rem}
.m{display:inline-block;min-width:4.5rem;font-weight:700}.GET{color:#1a7f37}.POST{color:#0550ae}.PUT,.PATCH{color:#9a6700}.DELETE{color:#cf222e}
code,pre{font-family:ui-monospace,monospace;font-size:13px}pre{background:#f6f8fa;padding:.5rem;overflow:auto;max-height:20rem}
details summary{cursor:pointer}.roles{color:#555;font-size:13px}
</style></head><body>
<h1>Voxeron control API</h1><p id="intro">Loading <a href="/openapi.json">/openapi.json</a>…</p><div id="ops"></div>
<script>
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]));
const json = (v) => '<pre>' + esc(JSON.stringify(v, null, 2)) + '</pre>';
fetch('/openapi.json').then((r) => r.json()).then((doc) => {
  document.getElementById('intro').innerHTML = esc(doc.info.description) + ' Version ' + esc(doc.info.version) + '.';
  const byTag = {};
  for (const [path, item] of Object.entries(doc.paths)) for (const [method, op] of Object.entries(item)) {
    (byTag[op.tags[0]] ??= []).push({ path, method: method.toUpperCase(), op });
  }
  let html = '';
  for (const [tag, ops] of Object.entries(byTag)) {
    html += '<h2>' + esc(tag) + '</h2>';
    for (const { path, method, op } of ops) {
      html += '<div class="op"><div><span class="m ' + method + '">' + method + '</span><code>' + esc(path) + '</code></div>'
        + '<div>' + esc(op.summary) + '</div><div class="roles">roles: ' + esc(op['x-roles'].join(', ')) + ' · scope: ' + esc(op['x-scope']) + '</div>'
        + (op.parameters ? '<details><summary>parameters</summary>' + json(op.parameters) + '</details>' : '')
        + (op.requestBody ? '<details><summary>request body</summary>' + json(op.requestBody.content) + '</details>' : '')
        + '<details><summary>responses: ' + esc(Object.keys(op.responses).join(' ')) + '</summary>' + json(op.responses) + '</details></div>';
    }
  }
  html += '<h2>schemas</h2>' + json(doc.components.schemas);
  document.getElementById('ops').innerHTML = html;
});
</script></body></html>
`;
