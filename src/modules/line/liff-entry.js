// LIFF entry: obtain the ID token (LIFF SDK inside LINE, or #id_token from the local stand-in),
// exchange it for a server-verified session, then continue to the page LINE was asked to open.
(function () {
  var root = document.getElementById('liff-entry');
  if (!root) return;
  var params = new URLSearchParams(location.search);
  var to = params.get('liff.state') || '/';
  function fail() {
    document.getElementById('liff-status').hidden = true;
    document.getElementById('liff-error').hidden = false;
  }
  function exchange(idToken) {
    if (!idToken) return fail();
    history.replaceState(null, '', location.pathname + location.search);
    fetch('/line/liff/session', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ idToken: idToken, to: to }),
    })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (j) { location.replace(j.redirect); })
      .catch(fail);
  }
  var hash = new URLSearchParams(location.hash.slice(1));
  if (hash.get('id_token')) return exchange(hash.get('id_token'));
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
