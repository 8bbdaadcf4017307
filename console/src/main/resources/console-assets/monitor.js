// The live monitor: one EventSource per page (browsers allow six HTTP/1.1 connections per host).
// The browser reconnects by itself and sends Last-Event-ID; the server replays what was missed.
// Everything is written with textContent, never as markup.
(function () {
  'use strict';
  var counters = {}, devices = {};

  function cell(tr, text, cls) {
    var td = document.createElement('td');
    td.textContent = text === undefined || text === null ? '' : String(text);
    if (cls) { td.className = cls; }
    tr.appendChild(td);
  }

  function body(id) { return document.querySelector('#' + id + ' tbody'); }

  function renderCounters() {
    var tb = body('counters');
    tb.textContent = '';
    Object.keys(counters).sort().forEach(function (k) {
      var c = counters[k], tr = document.createElement('tr');
      tr.id = 'counter-' + c.counter;
      cell(tr, c.name); cell(tr, c.status, 'status-' + c.status); cell(tr, c.teller);
      cell(tr, c.ticket, 'ticket'); cell(tr, c.since); cell(tr, c.pauseReason);
      tb.appendChild(tr);
    });
  }

  function renderServices(list) {
    var tb = body('services');
    tb.textContent = '';
    list.forEach(function (s) {
      var tr = document.createElement('tr');
      tr.id = 'service-' + s.service;
      cell(tr, s.name); cell(tr, s.waiting, 'waiting'); cell(tr, s.longestWait);
      tb.appendChild(tr);
    });
  }

  function renderDay(d) {
    document.getElementById('issued').textContent = d.issued;
    document.getElementById('served').textContent = d.served;
    document.getElementById('no-show').textContent = d.noShow;
  }

  function addRating(r, atEnd) {
    var tb = body('ratings'), tr = document.createElement('tr');
    tr.className = r.dissatisfied ? 'rating dissatisfied' : 'rating';
    tr.setAttribute('data-ticket', r.ticket);
    tr.setAttribute('data-level', r.level);
    cell(tr, r.at); cell(tr, r.counter); cell(tr, r.teller); cell(tr, r.label);
    // The rated transaction's recording (docs/recording.md), found by the ticket's id.
    var rec = document.createElement('td'), link = document.createElement('a');
    link.href = '/recordings?ticketId=' + encodeURIComponent(r.ticket);
    link.className = 'recording-link';
    link.textContent = '♫';
    rec.appendChild(link);
    tr.appendChild(rec);
    if (atEnd) { tb.appendChild(tr); } else { tb.insertBefore(tr, tb.firstChild); }
    while (tb.rows.length > 30) { tb.deleteRow(tb.rows.length - 1); }
  }

  function renderDevices() {
    var tb = body('devices');
    tb.textContent = '';
    Object.keys(devices).sort().forEach(function (k) {
      var d = devices[k], tr = document.createElement('tr');
      tr.id = 'device-' + d.device;
      tr.className = !d.online ? 'offline' : (d.health !== 'ok' ? 'degraded' : '');
      cell(tr, d.device + ' (' + d.role + ')'); cell(tr, d.online ? '✓' : '✗');
      cell(tr, d.health + (d.reason ? ': ' + d.reason : '')); cell(tr, d.at);
      tb.appendChild(tr);
    });
  }

  var state = document.getElementById('stream-state');
  var source = new EventSource('/monitor/events');
  source.onopen = function () { state.textContent = ''; document.body.setAttribute('data-stream', 'open'); };
  source.onerror = function () { state.textContent = '…'; document.body.setAttribute('data-stream', 'retrying'); };
  source.addEventListener('snapshot', function (e) {
    var s = JSON.parse(e.data);
    counters = {}; s.counters.forEach(function (c) { counters[c.counter] = c; }); renderCounters();
    renderServices(s.services); renderDay(s.day);
    devices = {}; s.devices.forEach(function (d) { devices[d.device] = d; }); renderDevices();
    body('ratings').textContent = ''; s.ratings.forEach(function (r) { addRating(r, true); });
    document.body.setAttribute('data-snapshot', e.lastEventId);
  });
  source.addEventListener('counter', function (e) { var c = JSON.parse(e.data); counters[c.counter] = c; renderCounters(); });
  source.addEventListener('services', function (e) { renderServices(JSON.parse(e.data).services); });
  source.addEventListener('day', function (e) { var d = JSON.parse(e.data); renderDay(d.day); renderServices(d.services); });
  source.addEventListener('device', function (e) { var d = JSON.parse(e.data); devices[d.device] = d; renderDevices(); });
  source.addEventListener('rating', function (e) { addRating(JSON.parse(e.data), false); });
}());
