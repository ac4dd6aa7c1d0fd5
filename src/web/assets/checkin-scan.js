// Progressive enhancement for the staff day view: read the QR code of a reservation with the
// device camera (BarcodeDetector, where the browser has it) and submit the check-in form.
// Without JavaScript, a camera or BarcodeDetector, staff type the number or use a USB scanner.
(function () {
  var form = document.querySelector('form[data-checkin]');
  if (!form) return;
  var input = form.querySelector('input[name="number"]');
  // after a refused check-in the number stays in the field, selected, so the next scan replaces it
  if (input && document.getElementById('checkin-error')) {
    input.focus();
    input.select();
  }
  if (!('BarcodeDetector' in window) || !navigator.mediaDevices) return;
  var button = document.createElement('button');
  button.type = 'button';
  button.className = 'button--secondary';
  button.textContent = document.documentElement.lang === 'en' ? 'Scan with camera' : 'カメラで読み取る';
  form.appendChild(button);
  var video = document.createElement('video');
  video.setAttribute('playsinline', '');
  video.setAttribute('aria-label', button.textContent);
  video.hidden = true;
  video.className = 'scan-video';
  form.appendChild(video);
  button.addEventListener('click', function () {
    var detector = new window.BarcodeDetector({ formats: ['qr_code'] });
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } }).then(function (stream) {
      video.srcObject = stream;
      video.hidden = false;
      video.play();
      var tick = function () {
        detector.detect(video).then(
          function (codes) {
            var hit = codes.find(function (c) {
              return /^[2-9A-HJKMNP-Z]{8}$/.test(c.rawValue);
            });
            if (hit) {
              stream.getTracks().forEach(function (t) {
                t.stop();
              });
              input.value = hit.rawValue;
              form.submit();
            } else requestAnimationFrame(tick);
          },
          function () {
            requestAnimationFrame(tick);
          },
        );
      };
      tick();
    });
  });
})();
