// Live listening (docs/recording.md): the server forwards the counter caller's frames as they
// come: 8 bytes big-endian capture time (epoch ms), then 100 ms of PCM s16le 16 kHz stereo
// (left teller, right customer). Played with Web Audio, each frame scheduled right after the
// previous one; a short lead keeps the delay near one frame. The delay of each frame (capture
// to arrival, same clock on a LAN with NTP) is kept in window.clLiveDelays for the page and tests.
(function () {
  'use strict';
  const start = document.getElementById('live-start');
  const stop = document.getElementById('live-stop');
  const state = document.getElementById('live-state');
  const shown = document.getElementById('live-delay');
  let socket = null;
  let audio = null;
  let playAt = 0;
  window.clLiveDelays = [];
  window.clLiveFrames = 0;

  function play(buffer) {
    const view = new DataView(buffer);
    const captured = Number(view.getBigInt64(0, false));
    const delay = Date.now() - captured;
    window.clLiveDelays.push(delay);
    window.clLiveFrames++;
    if (window.clLiveDelays.length > 600) {
      window.clLiveDelays.shift();
    }
    const frames = (buffer.byteLength - 8) / 4;
    const out = audio.createBuffer(2, frames, 16000);
    const left = out.getChannelData(0);
    const right = out.getChannelData(1);
    for (let i = 0; i < frames; i++) {
      left[i] = view.getInt16(8 + i * 4, true) / 32768;
      right[i] = view.getInt16(8 + i * 4 + 2, true) / 32768;
    }
    const source = audio.createBufferSource();
    source.buffer = out;
    source.connect(audio.destination);
    // Too far behind (a gap in the stream): start again just ahead of now rather than pile up delay.
    if (playAt < audio.currentTime || playAt > audio.currentTime + 0.5) {
      playAt = audio.currentTime + 0.05;
    }
    source.start(playAt);
    playAt += out.duration;
    if (window.clLiveFrames % 10 === 0) {
      shown.textContent = delay + ' ms';
    }
  }

  start.addEventListener('click', function () {
    if (socket) {
      return;
    }
    audio = audio || new AudioContext();
    audio.resume();
    const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    socket = new WebSocket(scheme + location.host + '/recordings/live/' + encodeURIComponent(start.dataset.counter));
    socket.binaryType = 'arraybuffer';
    socket.onopen = function () { state.textContent = '● live'; };
    socket.onmessage = function (e) { if (e.data instanceof ArrayBuffer) { play(e.data); } };
    socket.onclose = function () { state.textContent = '○'; socket = null; };
  });
  stop.addEventListener('click', function () {
    if (socket) {
      socket.close();
    }
  });
})();
