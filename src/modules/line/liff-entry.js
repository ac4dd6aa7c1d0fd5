// LIFF entry: liff.init() (LINE's SDK inside LINE, or the stand-in's copy), which on the primary redirect
// (/line/liff?liff.state=…) forwards to the secondary URL (/line/liff/<path>) and there resolves; then the
// ID token is exchanged for a server-verified session and the browser continues to the target the server
// worked out from this URL (data-target, an allow-listed same-site path).
(function () {
  var root = document.getElementById('liff-entry');
  if (!root) return;
  var to = root.getAttribute('data-target') || '/';
  function fail() {
    document.getElementById('liff-status').hidden = true;
    document.getElementById('liff-error').hidden = false;
  }
  function exchange(idToken) {
    if (!idToken) return fail();
    fetch('/line/liff/session', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ idToken: idToken, to: to }),
    })
      .then(function (r) {
        return r.ok ? r.json() : Promise.reject(r.status);
      })
      .then(function (j) {
        location.replace(j.redirect);
      })
      .catch(fail);
  }
  var liff = window.liff;
  if (!liff) return fail();
  liff
    .init({ liffId: root.getAttribute('data-liff-id') })
    .then(function () {
      if (!liff.isLoggedIn()) return liff.login({ redirectUri: location.href });
      exchange(liff.getIDToken());
    })
    .catch(fail);
})();
