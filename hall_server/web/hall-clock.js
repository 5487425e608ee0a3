// The hall's clock, shared by the kiosk and the display (spliced into each page when the server
// starts: the pages stay self-contained). The server's answers carry `now`, its local time without
// a zone; until the first answer the PC's own clock and zone are shown.
const HallClock = (() => {
  let offset = null;
  function set(now) {
    const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(String(now || ""));
    if (m) offset = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) - Date.now();
  }
  function now() {
    if (offset === null) {
      const d = new Date();
      return { y: d.getFullYear(), mo: d.getMonth() + 1, d: d.getDate(), wd: d.getDay(), h: d.getHours(), mi: d.getMinutes(), s: d.getSeconds() };
    }
    const d = new Date(Date.now() + offset);
    return { y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(), wd: d.getUTCDay(), h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds() };
  }
  return { set, now };
})();
