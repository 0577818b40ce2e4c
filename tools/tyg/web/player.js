/* player.js: the Trust Your Gut web player. Plain JavaScript, no framework.
 *
 * What it reads: the story JSON in the script element "tyg-story" (written
 * by tools/tyg/web/story.py from the same lowered story as the Ren'Py
 * scripts) and the build's settings in "tyg-config" (lab mode, the quick
 * exit's page, the school's country).
 *
 * What it means: exactly what the reference interpreter says
 * (tools/tyg/play/interpret.py). Labels hold flat operations; the player runs
 * them one at a time and stops at each thing to show: a line, a decision,
 * a discussion card (facilitator mode only), an ending. tests/test_web.py
 * plays every planned path here and in the interpreter and compares them.
 *
 * Safety rules kept all through this file:
 * - author text only ever goes in through textContent, never parsed as HTML;
 * - nothing is stored unless the player changes a setting, and in lab mode
 *   (?lab=1, or build.py web --lab) nothing at all;
 * - no network: the page's Content-Security-Policy forbids it anyway;
 * - the quick exit (button, Escape, Shift three times) replaces the page, so
 *   Back does not come back here; the story never touches the history.
 */
(function () {
  "use strict";

  // ------------------------------------------------------------------ data

  var story = JSON.parse(document.getElementById("tyg-story").textContent);
  var config = JSON.parse(document.getElementById("tyg-config").textContent);
  var D = story.defines;   // define name -> fields
  var L = story.labels;    // label name -> operations
  var params = new URLSearchParams(window.location.search);
  var LAB = Boolean(config.lab) || params.get("lab") === "1";
  var EXIT_URL = safeUrl(params.get("exit")) || safeUrl(config.exit_url) || "https://www.bbc.co.uk/weather";

  function safeUrl(u) {
    return typeof u === "string" && /^https?:\/\//i.test(u) ? u : null;
  }

  /** A catalogue index (TygIndex): its items in order, and by id. */
  function index(name) {
    var items = ((D[name] || {})._args || [[]])[0].map(function (n) { return D[n]; });
    var byId = {};
    items.forEach(function (i) { byId[i.id] = i; });
    return { items: items, byId: byId, pick: function (ids) { return ids.filter(function (i) { return byId[i]; }).map(function (i) { return byId[i]; }); } };
  }

  var SECTIONS = {};
  story.sections.forEach(function (s) { SECTIONS[s[0]] = index(s[1]); });
  var RESOURCES = index("tyg_resources");
  var SCENARIOS = ((D.tyg_scenarios || {})._args || [[]])[0].map(function (n) { return D[n]; });

  /** The good moves a feedback teaches beyond its red flags (as in tyg_feedback_sections). */
  var FEEDBACK_SECTIONS = [
    ["Safe actions", "safe_actions"],
    ["Being an upstander", "upstander_steps"],
    ["Remember", "key_messages"],
    ["What helps, as an adult", "adult_actions"]
  ];
  var ENDING_KINDS = { safe: "You stayed safe", supported: "You got support", upstander: "You helped others", learning: "Still time to act" };
  var COUNTRY_NAMES = { US: "United States", GB: "United Kingdom", INT: "Anywhere" };
  var SIZES = [["normal", "Normal"], ["large", "Large"], ["largest", "Largest"]];
  var PROJECTOR = ["projector", "Projector"];

  // ------------------------------------------------------------------ settings

  var STORE_KEY = "trust-your-gut-settings";
  var settings = { size: "normal", contrast: false, dyslexic: false, facilitator: false, country: (params.get("country") || config.country || "US").toUpperCase() };

  /** Settings kept by an earlier visit (read only; never in lab mode). */
  function loadSettings() {
    if (LAB) return;
    try {
      var kept = window.localStorage.getItem(STORE_KEY);
      if (kept) Object.assign(settings, JSON.parse(kept));
    } catch (e) { /* storage switched off or broken: defaults */ }
  }

  /** Called only when the player changes a setting. */
  function saveSettings() {
    applySettings();
    if (LAB) return;
    try { window.localStorage.setItem(STORE_KEY, JSON.stringify(settings)); } catch (e) { /* not kept: fine */ }
  }

  function applySettings() {
    var root = document.documentElement;
    if (!settings.facilitator && settings.size === "projector") settings.size = "largest";
    ["large", "largest", "projector"].forEach(function (s) { root.classList.toggle("size-" + s, settings.size === s); });
    root.classList.toggle("hc", Boolean(settings.contrast));
    root.classList.toggle("dyslexic", Boolean(settings.dyslexic));
    var label = settings.facilitator ? "Facilitator mode: on" : "Facilitator mode: off";
    ["menu-facilitator", "set-facilitator"].forEach(function (id) {
      var b = document.getElementById(id);
      if (b) { b.textContent = label; b.setAttribute("aria-pressed", String(settings.facilitator)); }
    });
    $("menu-reset").hidden = !settings.facilitator;
  }

  // ------------------------------------------------------------------ small DOM helpers

  function $(id) { return document.getElementById(id); }

  /** An element with attributes and children; strings become text nodes (never HTML). */
  function el(tag, attrs) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "class") e.className = attrs[k];
      else if (k === "text") e.textContent = attrs[k];
      else if (k === "on") e.addEventListener("click", attrs[k]);
      else e.setAttribute(k, attrs[k]);
    });
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined || c === false) continue;
      e.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return e;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }

  function announce(text) {
    var a = $("announce");
    a.textContent = "";
    window.setTimeout(function () { a.textContent = text; }, 50);
  }

  // ------------------------------------------------------------------ the play-through state

  /** Everything a decision can change, so that "See the other choice" can put it back. */
  function freshState() {
    return { scenario: null, flags: {}, chosen: [], journal: freshJournal(), chat: [], explained: {}, stack: [] };
  }

  function copyState(s) {
    return JSON.parse(JSON.stringify({
      scenario: s.scenario, flags: s.flags, chosen: s.chosen, journal: s.journal, chat: s.chat, explained: s.explained,
      stack: s.stack.map(function (f) { return { label: f.label, path: f.path, i: f.i }; })
    }));
  }

  var S = freshState();
  var decision = null;  // facilitator mode: the state just before the last decision
  var current = null;   // what is on screen: {type: ...}

  // A frame of the stack: a label, a path of branch numbers into its nested ifs, and a position.
  // (Frames name their operations rather than hold them, so a state copies as plain JSON.)
  function opsOf(frame) {
    var ops = L[frame.label];
    for (var k = 0; k < frame.path.length; k += 2) ops = ops[frame.path[k]][frame.path[k + 1]];
    return ops;
  }

  function test(cond) {
    if (cond === null || cond === undefined) return true;
    switch (cond[0]) {
      case "flag": return S.flags[cond[1]] === true;  // unset flags are false
      case "not": return !test(cond[1]);
      case "and": return cond[1].every(test);
      case "or": return cond[1].some(test);
    }
    throw new Error("unknown condition " + cond[0]);
  }

  function jumpTo(label) { S.stack = [{ label: label, path: [], i: 0 }]; }

  function begin(name) {
    var sc = D[name];
    var fresh = freshState();
    fresh.scenario = name;
    fresh.stack = S.stack;
    S = fresh;
    decision = null;
    clear($("chat"));
    $("bar-title").textContent = sc.title;
  }

  /** Runs operations up to the next thing to show, and returns it. */
  function run() {
    for (;;) {
      var frame = S.stack[S.stack.length - 1];
      if (!frame) return { type: "stop" };
      var ops = opsOf(frame);
      if (frame.i >= ops.length) { S.stack.pop(); continue; }
      var at = frame.i;
      var op = ops[frame.i++];
      switch (op[0]) {
        case "begin": begin(op[1]); break;
        case "location": break;  // the web edition keeps one calm background everywhere
        case "set": S.flags[op[1]] = op[2]; break;
        case "if":
          S.stack.push({ label: frame.label, path: frame.path.concat([at, test(op[1]) ? 2 : 3]), i: 0 });
          break;
        case "jump":
          var target = null;
          for (var b = 0; b < op[1].length && target === null; b++) if (test(op[1][b][0])) target = op[1][b][1];
          if (target === null) return { type: "stop" };
          jumpTo(target);
          break;
        case "call":
          if (op[1] === "tyg_discuss" && settings.facilitator) return { type: "discuss", card: D[op[2]] };
          break;
        case "line": return { type: "line", speaker: op[1], text: op[2] };
        case "menu":
          if (settings.facilitator) {
            frame.i = at;  // going back to this decision shows it again
            decision = copyState(S);
            frame.i = at + 1;
          }
          return { type: "menu", prompt: op[1], items: op[3].filter(function (it) { return test(it.cond); }) };
        case "ending": return { type: "ending", ending: D[op[1]] };
        default: throw new Error("unknown operation " + op[0]);
      }
    }
  }

  // ------------------------------------------------------------------ the journal (as TygJournal)

  function freshJournal() {
    return { flags: {}, order: [], actionsMet: [], actionsTaken: [], messages: [] };
  }

  function record(fb) {
    var j = S.journal;
    fb.red_flags.forEach(function (rf) {
      if (!(rf in j.flags)) j.order.push(rf);
      j.flags[rf] = (fb.kind === "safer" || j.flags[rf] === "spotted") ? "spotted" : "missed";
    });
    fb.safe_actions.forEach(function (sa) {
      if (j.actionsMet.indexOf(sa) < 0) j.actionsMet.push(sa);
      if (fb.kind === "safer" && j.actionsTaken.indexOf(sa) < 0) j.actionsTaken.push(sa);
    });
    fb.key_messages.forEach(function (km) { if (j.messages.indexOf(km) < 0) j.messages.push(km); });
  }

  function journalFlags(state) {
    return SECTIONS.red_flags.pick(S.journal.order.filter(function (rf) { return S.journal.flags[rf] === state; }));
  }

  /** Key messages met on this path first, then the catalogue's own, n in all. */
  function takeaways(n) {
    var ids = S.journal.messages.slice();
    SECTIONS.key_messages.items.forEach(function (i) { if (ids.indexOf(i.id) < 0) ids.push(i.id); });
    return SECTIONS.key_messages.pick(ids.slice(0, n));
  }

  // ------------------------------------------------------------------ screens

  var SCREENS = ["intro", "menu", "before", "play", "vote", "feedback", "discuss", "ending", "panel"];
  var IN_STORY = { play: 1, vote: 1, feedback: 1, discuss: 1, ending: 1 };
  var screen = null;

  /** Show one screen and move focus to it (its heading, unless told otherwise). */
  function show(id, focus) {
    closePanel(true);
    SCREENS.forEach(function (s) { $(s).hidden = s !== id; });
    screen = id;
    document.body.setAttribute("data-screen", id);
    $("open-journal").hidden = !IN_STORY[id];
    if (!IN_STORY[id]) $("bar-title").textContent = "Trust Your Gut";
    var target = focus || $(id).querySelector("h1");
    if (target) target.focus({ preventScroll: false });
    if (!focus) window.scrollTo(0, 0);
  }

  // ---- intro and main menu

  function showIntro() {
    $("intro-privacy").textContent = LAB
      ? "On this computer nothing is kept: no settings, no history. The next person starts fresh."
      : "This page never goes online. It keeps nothing unless you change a setting.";
    show("intro");
  }

  function minutes(sc) { return sc.minutes ? "about " + sc.minutes + " minutes" : ""; }

  function showMenu() {
    var list = clear($("stories"));
    SCENARIOS.forEach(function (sc, n) {
      list.appendChild(el("li", null, el("button", { type: "button", class: "story-btn", "data-story": sc.id, on: function () { showBefore(sc); } },
        el("span", { class: "story-title", text: sc.title }),
        el("span", { class: "story-who", text: "Play as " + sc.player_name + ", " + sc.player_age + (sc.minutes ? " · " + minutes(sc) : "") }),
        el("span", { class: "story-summary", text: sc.summary }))));
    });
    if (!SCENARIOS.length) list.appendChild(el("li", { text: "No stories yet. Run: python3 build.py web" }));
    applySettings();
    show("menu");
  }

  var chosenScenario = null;

  function showBefore(sc) {
    chosenScenario = sc;
    $("before-h").textContent = sc.title;
    $("before-who").textContent = "You play " + sc.player_name + ", " + sc.player_age + ".";
    $("before-note").textContent = sc.content_note;
    show("before");
  }

  function start(sc) {
    S = freshState();
    jumpTo(sc.label);
    step();
  }

  // ---- the story

  /** Run on to the next thing to show, and show it. */
  function step() {
    current = run();
    if (current.type === "line") showLine(current);
    else if (current.type === "menu") showChoices(current);
    else if (current.type === "discuss") showDiscussion(current.card);
    else if (current.type === "ending") showEnding(current.ending);
    else showMenu();
  }

  function speakerOf(name) {
    var d = D[name];
    if (!d || d._call !== "Character") return null;
    return { name: d._args[0], chat: d.kind === "tyg_chat_speaker", side: d.show_tyg_side || "left", avatar: d.show_tyg_avatar, role: d.show_tyg_role };
  }

  function avatarOf(m) {
    var a = story.avatars || {};
    return a[m.avatar] || a[m.role] || null;
  }

  /** The phone's messages on screen follow S.chat (a restored state may have fewer). */
  function syncChat() {
    var list = $("chat");
    while (list.children.length > S.chat.length) list.removeChild(list.lastChild);
    for (var i = list.children.length; i < S.chat.length; i++) {
      var m = S.chat[i];
      var pic = m.side === "left" ? avatarOf(m) : null;
      list.appendChild(el("li", { class: "msg " + m.side },
        pic ? el("img", { class: "avatar", src: pic, alt: "" }) : null,
        el("div", { class: "bubble" }, el("span", { class: "who", text: m.who }), el("span", { class: "what", text: m.what }))));
    }
    var old = list.querySelector(".current");
    if (old) old.classList.remove("current");
    var contact = "";
    for (var k = S.chat.length - 1; k >= 0; k--) if (S.chat[k].side === "left" && S.chat[k].who) { contact = S.chat[k].who; break; }
    $("phone-contact").textContent = contact;
    $("chat-box").scrollTop = $("chat-box").scrollHeight;
  }

  function showLine(line) {
    var who = speakerOf(line.speaker);
    var chat = who && who.chat;
    $("play-h").textContent = chosenTitle();
    $("choices").hidden = true;
    $("next-row").hidden = false;
    if (chat) {
      S.chat.push({ who: who.name, what: line.text, side: who.side, avatar: who.avatar, role: who.role });
      syncChat();
      $("chat").lastChild.classList.add("current");
      $("phone").hidden = false;
      $("say").hidden = true;
    } else {
      $("say-who").textContent = who ? who.name : "";
      $("say-what").textContent = line.text;
      $("say").hidden = false;
      $("phone").hidden = true;
    }
    var wasHere = screen === "play";
    if (!wasHere) show("play", $("next"));
    else if (document.activeElement !== $("next")) $("next").focus();
  }

  function chosenTitle() { return S.scenario ? D[S.scenario].title : ""; }

  function numbered(n, item, cls) {
    return el("button", { type: "button", class: cls + (item.reply ? " reply" : ""), "data-n": String(n), on: function () { choose(item); } },
      el("span", { class: "num", "aria-hidden": "true", text: n + "." }),
      el("span", { class: "visually-hidden", text: "Choice " + n + ": " + (item.reply ? "Reply: " : "") }),
      el("span", { class: "text", text: item.text }));
  }

  function showChoices(menu) {
    if (settings.facilitator) return showVote(menu);
    var reply = menu.items.some(function (i) { return i.reply; });
    $("play-h").textContent = chosenTitle();
    $("say").hidden = true;
    $("next-row").hidden = true;
    syncChat();
    $("phone").hidden = !reply;
    $("prompt").textContent = menu.prompt || "What do you do?";
    $("prompt").classList.toggle("visually-hidden", !menu.prompt);
    $("prompt").setAttribute("data-asked", menu.prompt ? "yes" : "no");
    var list = clear($("choice-list"));
    menu.items.forEach(function (item, k) { list.appendChild(el("li", null, numbered(k + 1, item, "choice-btn"))); });
    $("choices").hidden = false;
    show("play", $("prompt"));
  }

  function showVote(menu) {
    $("vote-h").textContent = menu.prompt || "What should happen next?";
    $("vote-h").setAttribute("data-asked", menu.prompt ? "yes" : "no");
    var list = clear($("vote-list"));
    menu.items.forEach(function (item, k) { list.appendChild(el("li", null, numbered(k + 1, item, "vote-btn"))); });
    show("vote");
  }

  var pendingTarget = null;

  function choose(item) {
    var fb = D[item.feedback];
    S.chosen.push(fb.choice);
    record(fb);
    item.sets.forEach(function (s) { S.flags[s[0]] = s[1]; });
    // A card explains a catalogue item in full only the first time this play-through meets it.
    var fresh = {};
    cardItems(fb).forEach(function (k) {
      var key = k[0] + " " + k[1];
      if (!S.explained[key]) { fresh[key] = true; S.explained[key] = true; }
    });
    pendingTarget = item.target;
    showFeedback(fb, fresh);
  }

  /** The catalogue items a feedback card lists, in screen order: [section, id], red flags first. */
  function cardItems(fb) {
    var out = [];
    story.sections.forEach(function (s) {
      SECTIONS[s[0]].pick(fb[s[0]] || []).forEach(function (i) { out.push([s[0], i.id]); });
    });
    return out;
  }

  /** A catalogue item on a card: its name, and its explanation behind a button that opens it. */
  function disclosure(item, cls, open) {
    open = Boolean(open);
    var id = "x-" + (++disclosure.n);
    var text = el("p", { class: "explain", id: id, text: item.explain });
    text.hidden = !open;
    var markEl = el("span", { class: "mark", "aria-hidden": "true", text: open ? "\u25BE" : "\u25B8" });
    var btn = el("button", { type: "button", class: "disclosure " + cls, "aria-expanded": String(open), "aria-controls": id },
      markEl, el("span", { class: "item-name", text: item.name }));
    btn.addEventListener("click", function () {
      var now = btn.getAttribute("aria-expanded") !== "true";
      btn.setAttribute("aria-expanded", String(now));
      text.hidden = !now;
      markEl.textContent = now ? "\u25BE" : "\u25B8";
    });
    return el("li", null, btn, text);
  }
  disclosure.n = 0;

  function showFeedback(fb, fresh) {
    $("feedback-h").textContent = fb.title;
    $("feedback-happened").textContent = fb.happened;
    var flags = clear($("feedback-flags"));
    var rfs = SECTIONS.red_flags.pick(fb.red_flags);
    if (rfs.length) {
      flags.appendChild(el("h2", { class: "sub flag", text: "Red flags (select one to see why)" }));
      flags.appendChild(el("ul", { class: "items" }, ...rfs.map(function (rf) { return disclosure(rf, "flag", fresh["red_flags " + rf.id]); })));
    }
    $("feedback-why").textContent = fb.why;
    $("feedback-safer-box").hidden = !fb.safer;
    $("feedback-safer").textContent = fb.safer || "";
    var sections = clear($("feedback-sections"));
    FEEDBACK_SECTIONS.forEach(function (s) {
      var items = SECTIONS[s[1]].pick(fb[s[1]] || []);
      if (!items.length) return;
      sections.appendChild(el("h2", { class: "sub safe", text: s[0] }));
      sections.appendChild(el("ul", { class: "items" }, ...items.map(function (it) { return disclosure(it, "item", fresh[s[1] + " " + it.id]); })));
    });
    $("other-choice").hidden = !(settings.facilitator && decision);
    show("feedback");
  }

  function continueAfterFeedback() {
    var target = pendingTarget;
    pendingTarget = null;
    jumpTo(target);
    step();
  }

  /** Facilitator mode: back to the last decision, as it was before the choice. */
  function seeOtherChoice() {
    if (!(settings.facilitator && decision)) return;
    S = copyState(decision);
    pendingTarget = null;
    syncChat();
    step();
    announce("Back to the decision");
  }

  function showDiscussion(card) {
    $("discuss-h").textContent = card.question;
    $("notes-text").textContent = card.notes;
    setNotes(false);
    show("discuss");
  }

  function setNotes(open) {
    $("notes").hidden = !open;
    $("notes-hidden").hidden = open;
    $("notes-toggle").textContent = open ? "Hide notes (N)" : "Show notes (N)";
    $("notes-toggle").setAttribute("aria-expanded", String(open));
  }

  function resourceLine(r) {
    var ways = [];
    if (r.phone) ways.push("Call " + r.phone);
    if (r.sms) ways.push(r.sms);
    if (r.url) ways.push(r.url);
    return ways.join("  ·  ");
  }

  function resourceItem(r) {
    return el("li", null, el("span", { class: "name", text: r.name }), el("span", { text: r.explain }), el("span", { class: "how", text: resourceLine(r) }));
  }

  function showEnding(ending) {
    $("ending-kind").textContent = ENDING_KINDS[ending.kind] || "";
    $("ending-h").textContent = ending.title;
    $("ending-summary").textContent = ending.summary;
    var box = clear($("ending-journal"));
    var spotted = journalFlags("spotted"), missed = journalFlags("missed");
    var taken = SECTIONS.safe_actions.pick(S.journal.actionsTaken);
    var names = function (xs) { return el("ul", { class: "names" }, ...xs.map(function (x) { return el("li", { text: x.name }); })); };
    if (spotted.length) box.append(el("h2", { class: "sub safe", text: "Red flags you spotted" }), names(spotted));
    if (missed.length) box.append(el("h2", { class: "sub flag", text: "Red flags to watch for next time" }), names(missed));
    if (taken.length) box.append(el("h2", { class: "sub safe", text: "Safe actions you took" }), names(taken));
    var tk = clear($("ending-takeaways"));
    takeaways(3).forEach(function (km) { tk.appendChild(el("li", { text: km.name + ". " + km.explain })); });
    var help = clear($("ending-help"));
    RESOURCES.pick(ending.resources).forEach(function (r) { help.appendChild(resourceItem(r)); });
    $("ending-reset").hidden = !settings.facilitator;
    show("ending");
  }

  function resetForGroup() {
    S = freshState();
    decision = null;
    clear($("chat"));
    showMenu();
    announce("Ready for the next group");
  }

  // ------------------------------------------------------------------ panels: help, journal, settings

  var panel = { kind: null, under: null, opener: null };

  function openPanel(kind) {
    if (panel.kind === kind) return closePanel();
    if (panel.kind) closePanel(true);
    panel = { kind: kind, under: screen, opener: document.activeElement };
    var body = clear($("panel-body"));
    if (kind === "help") fillHelp(body);
    else if (kind === "journal") fillJournal(body);
    else fillSettings(body);
    $("panel-h").textContent = { help: "Where to get help", journal: "Your red-flag journal", settings: "Settings" }[kind];
    if (screen) $(screen).hidden = true;
    $("panel").hidden = false;
    document.body.setAttribute("data-panel", kind);
    window.scrollTo(0, 0);
    $("panel-h").focus();
  }

  function closePanel(quiet) {
    if (!panel.kind) return;
    var p = panel;
    panel = { kind: null, under: null, opener: null };
    $("panel").hidden = true;
    document.body.removeAttribute("data-panel");
    if (quiet) return;
    if (p.under) $(p.under).hidden = false;
    if (p.opener && document.contains(p.opener) && p.opener !== document.body) p.opener.focus();
    else if (p.under) { var h = $(p.under).querySelector("h1"); if (h) h.focus(); }
  }

  /** Help resources by country: the school's country first, then "anywhere", then the rest. */
  function resourceGroups() {
    var countries = [];
    RESOURCES.items.forEach(function (r) { if (countries.indexOf(r.country) < 0) countries.push(r.country); });
    var rank = function (c) { return [c !== settings.country ? 1 : 0, c !== "INT" ? 1 : 0, c]; };
    countries.sort(function (a, b) {
      var x = rank(a), y = rank(b);
      for (var i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
      return 0;
    });
    return countries.map(function (c) { return [COUNTRY_NAMES[c] || c, RESOURCES.items.filter(function (r) { return r.country === c; })]; });
  }

  function fillHelp(body) {
    body.append(
      el("h2", { text: "What is a trusted adult?" }),
      el("p", { text: "A grown-up you feel safe with, who listens and wants to help: a parent or carer, a relative, a teacher, a school counselor, a coach or a youth worker. If the first adult you tell does not help, tell another one. You have not done anything wrong by asking." }));
    resourceGroups().forEach(function (g) {
      body.append(el("h2", { text: g[0] }), el("ul", { class: "resources" }, ...g[1].map(resourceItem)));
    });
  }

  function fillJournal(body) {
    var spotted = journalFlags("spotted"), missed = journalFlags("missed");
    var met = SECTIONS.safe_actions.pick(S.journal.actionsMet);
    if (!(spotted.length || missed.length || met.length)) body.append(el("p", { text: "Nothing yet. Red flags and safe actions appear here as you meet them." }));
    var list = function (items, mark) {
      return el("ul", { class: "items" }, ...items.map(function (i) {
        return el("li", null, el("p", { class: "item-name", text: mark + i.name }), el("p", { class: "explain", text: i.explain }));
      }));
    };
    if (spotted.length) body.append(el("h2", { class: "safe", text: "Red flags you spotted" }), list(spotted, "\u2713 "));
    if (missed.length) body.append(el("h2", { class: "flag", text: "Red flags to watch for" }), list(missed, "\u2022 "));
    if (met.length) body.append(el("h2", { text: "Safe actions" }), list(met, ""));
  }

  function fillSettings(body) {
    body.appendChild(document.importNode($("settings-template").content, true));
    var sizes = settings.facilitator ? SIZES.concat([PROJECTOR]) : SIZES;
    var sizeBox = body.querySelector("#set-size");
    sizes.forEach(function (s) {
      sizeBox.appendChild(el("button", { type: "button", class: "btn", "aria-pressed": String(settings.size === s[0]), on: function () {
        settings.size = s[0]; saveSettings(); refreshSettings();
      } }, s[1]));
    });
    var countryBox = body.querySelector("#set-country");
    ["US", "GB"].forEach(function (c) {
      countryBox.appendChild(el("button", { type: "button", class: "btn", "data-country": c, "aria-pressed": String(settings.country === c), on: function () {
        settings.country = c; saveSettings(); refreshSettings();
      } }, COUNTRY_NAMES[c]));
    });
    body.querySelector("#set-contrast").addEventListener("click", function () { settings.contrast = !settings.contrast; saveSettings(); refreshSettings(); });
    body.querySelector("#set-dyslexic").addEventListener("click", function () { settings.dyslexic = !settings.dyslexic; saveSettings(); refreshSettings(); });
    body.querySelector("#set-facilitator").addEventListener("click", function () { toggleFacilitator(); refreshSettings(); });
    body.querySelector("#set-storage").textContent = LAB
      ? "Lab mode: nothing is kept on this computer. Settings last until the page is closed."
      : "Changing a setting keeps your settings in this browser, and nothing else.";
    refreshSettings();
  }

  /** Keep the settings panel's pressed states (and the projector size) up to date, focus where it was. */
  function refreshSettings() {
    var body = $("panel-body");
    var focused = document.activeElement && document.activeElement.textContent;
    body.querySelectorAll("#set-size .btn").forEach(function (b) {
      b.setAttribute("aria-pressed", String((settings.size === "normal" && b.textContent === "Normal") || (SIZES.concat([PROJECTOR]).some(function (s) { return s[0] === settings.size && s[1] === b.textContent; }))));
    });
    var hasProjector = Boolean(body.querySelector("#set-size .btn:nth-child(4)"));
    if (hasProjector !== settings.facilitator) {
      clear($("panel-body"));
      fillSettings($("panel-body"));
      var again = Array.prototype.find.call($("panel-body").querySelectorAll("button"), function (b) { return b.textContent === focused; });
      if (again) again.focus();
      return;
    }
    body.querySelectorAll("#set-country .btn").forEach(function (b) { b.setAttribute("aria-pressed", String(b.getAttribute("data-country") === settings.country)); });
    body.querySelector("#set-contrast").setAttribute("aria-pressed", String(settings.contrast));
    body.querySelector("#set-dyslexic").setAttribute("aria-pressed", String(settings.dyslexic));
    applySettings();
  }

  function toggleFacilitator() {
    settings.facilitator = !settings.facilitator;
    saveSettings();
  }

  // ------------------------------------------------------------------ quick exit

  /** Leave at once: blank the page and title, then replace it (Back will not return here). */
  function quickExit() {
    document.title = "";
    document.documentElement.hidden = true;
    try { clear(document.body); } catch (e) { /* leaving anyway */ }
    window.location.replace(EXIT_URL);
  }

  // ------------------------------------------------------------------ keys

  var shifts = 0, shiftTimer = null;

  function onKey(e) {
    if (e.key === "Escape") { e.preventDefault(); quickExit(); return; }
    if (e.key === "Shift") {
      // GOV.UK's "Exit this page": Shift pressed three times in a row leaves too.
      if (e.repeat) return;
      shifts += 1;
      window.clearTimeout(shiftTimer);
      shiftTimer = window.setTimeout(function () { shifts = 0; }, 2000);
      if (shifts >= 3) { shifts = 0; quickExit(); }
      return;
    }
    shifts = 0;
    if (e.ctrlKey || e.altKey || e.metaKey) return;
    var k = e.key.toLowerCase();
    if (k === "h") { e.preventDefault(); openPanel("help"); return; }
    if (k === "j" && (IN_STORY[screen] || panel.kind === "journal")) { e.preventDefault(); openPanel("journal"); return; }
    if (panel.kind) return;
    if (/^[1-9]$/.test(k)) {
      var n = Number(k);
      var box = screen === "vote" ? $("vote-list") : (screen === "play" && !$("choices").hidden ? $("choice-list") : null);
      if (box) {
        var btn = box.querySelector('[data-n="' + n + '"]');
        if (btn) { e.preventDefault(); btn.click(); }
      } else if (screen === "menu" && SCENARIOS[n - 1]) {
        e.preventDefault();
        showBefore(SCENARIOS[n - 1]);
      }
      return;
    }
    if (k === "n" && screen === "discuss") { e.preventDefault(); $("notes-toggle").click(); return; }
    if (k === "o" && screen === "feedback" && !$("other-choice").hidden) { e.preventDefault(); seeOtherChoice(); }
  }

  // ------------------------------------------------------------------ wiring

  function wire() {
    $("quick-exit").hidden = false;
    $("open-help").hidden = false;
    $("quick-exit").addEventListener("click", quickExit);
    $("open-help").addEventListener("click", function () { openPanel("help"); });
    $("open-journal").addEventListener("click", function () { openPanel("journal"); });
    $("panel-close").addEventListener("click", function () { closePanel(); });
    $("intro-ok").addEventListener("click", showMenu);
    $("menu-help").addEventListener("click", function () { openPanel("help"); });
    $("menu-settings").addEventListener("click", function () { openPanel("settings"); });
    $("menu-facilitator").addEventListener("click", toggleFacilitator);
    $("menu-reset").addEventListener("click", resetForGroup);
    $("before-back").addEventListener("click", showMenu);
    $("before-start").addEventListener("click", function () { start(chosenScenario); });
    $("next").addEventListener("click", step);
    $("feedback-continue").addEventListener("click", continueAfterFeedback);
    $("other-choice").addEventListener("click", seeOtherChoice);
    $("notes-toggle").addEventListener("click", function () { setNotes($("notes").hidden); });
    $("discuss-continue").addEventListener("click", step);
    $("ending-again").addEventListener("click", function () { start(D[S.scenario]); });
    $("ending-menu").addEventListener("click", showMenu);
    $("ending-reset").addEventListener("click", resetForGroup);
    document.addEventListener("keydown", onKey);
  }

  loadSettings();
  applySettings();
  // Load the few emoji glyphs now (13 KB, inline), so the first chat message that needs one has it.
  if (document.fonts) document.fonts.forEach(function (f) { if (f.family.indexOf("TygSymbols") >= 0) f.load().catch(function () {}); });
  wire();
  showIntro();
  window.tygReady = performance.now();  // when the first screen is up (bench/web_start.py reads it)
})();
