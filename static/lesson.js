// The lesson (`mode=lesson` in the link): one step at a time, with Back and Next, predictions the
// class checks against the data, tasks on the workbench, the teacher's notes (`teacher=1`) and a
// printable worksheet. Fetched by static/page.js only for a lesson; the build writes the lesson's
// words into it (scripts/on-demand-names.mjs), so the default page carries none of them.
//
// The step is this script's: it sets <html data-step> (the CSS shows that step's sections) and
// the URL's `step=`; the app keeps both when it rewrites the URL for a new scenario (src/app.rs).
// Every number comes from the page's own analysis (window.glabella.analysis()), so the lesson
// follows the scenario. Nothing here puts text into the page as markup: textContent only.

// { lesson, hypothesis, cohort, site: messages by key, steps: the number of steps }: the build
// writes them over the string below, as a string of JSON (which no minifier folds away).
const WORDS = JSON.parse('glabella:lesson-words');
// The lesson's own style sheet (static/lesson.css), written over this string by the build too.
const STYLE = 'glabella:lesson-style';

// What each step is, in order; the CSS names them by number (static/style.css, "Lesson mode").
const STEPS = ['question', 'how', 'predict', 'reveal', 'explain', 'workbench', 'evidence'];
// Suggested minutes per step for a 20- and a 45-minute class (the teacher's notes).
const TIMINGS = [[2, 4], [3, 6], [3, 6], [4, 8], [3, 7], [3, 8], [2, 6]];
const GUESSES = ['less', 'same', 'more'];
// The explanations to choose from, in the scorecard's order, and the patterns in the order asked
// (each pattern is its explanation's prediction, `[hypothesis] *_prediction`).
const EXPLANATIONS = ['ff_only', 'ff_adds', 'systemic', 'systemic_dose', 'muscle_relief'];
const PATTERNS = ['systemic', 'muscle_relief', 'ff_only', 'systemic_dose', 'ff_adds'];
// The workbench tasks: a cohort, the group it is to be moved to, and its message.
const TASKS = [
  { cohort: 'migraine', site: 'no_facial', key: 'task1' },
  { cohort: 'blepharospasm', site: 'frown', key: 'task2' },
];

export default async ({ phrase, analysis }) => {
  const root = document.documentElement;
  document.head.append(Object.assign(document.createElement('style'), { textContent: STYLE }));
  const say = (key, values) => phrase(key, values, WORDS.lesson);
  const steps = Math.min(WORDS.steps, STEPS.length);
  const teacher = root.dataset.teacher === '1';

  // What the class has marked, kept for a reload of the same tab.
  const saved = (() => {
    try { return JSON.parse(sessionStorage.getItem('glabella-lesson')) ?? {}; } catch { return {}; }
  })();
  const answers = { guesses: saved.guesses ?? {}, matches: saved.matches ?? {}, checked: !!saved.checked };
  const keep = () => {
    try { sessionStorage.setItem('glabella-lesson', JSON.stringify(answers)); } catch { /* private mode, a sandbox */ }
  };

  /** An element with properties, attributes (`aria-*`, `data-*`, `for`) and children (text or nodes). */
  const make = (tag, props = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(props)) {
      if (value === undefined || value === null || value === false) continue;
      if (/^(aria-|data-|for$|role$|scope$)/.test(name)) node.setAttribute(name, value === true ? '' : String(value));
      else node[name] = value;
    }
    for (const child of children.flat()) if (child !== null && child !== undefined) node.append(child);
    return node;
  };

  // Numbers as the page writes them (glabella_core::format::ratio_label): two decimals, three
  // below 0.1, more where rounding would give 1, and the language's decimal sign.
  const ratio = (value) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) return say('not_defined');
    let decimals = value < 0.1 ? 3 : 2;
    while (decimals < 6 && value !== 1 && Math.round(value * 10 ** decimals) === 10 ** decimals) decimals += 1;
    const scale = 10 ** decimals;
    const scaled = Math.round(value * scale);
    return `${Math.floor(scaled / scale)}${say('decimal')}${String(scaled % scale).padStart(decimals, '0')}`;
  };

  // The analysis of the scenario shown: per cohort its ratio as the page shows it (adjusted when
  // the scenario is), its interval, what the interval says, and its workbench group.
  let data = null;
  const load = async () => {
    const doc = await analysis();
    const adjusted = (doc.settings.stratify ?? []).length > 0;
    const siteOf = {};
    for (const group of doc.settings.groups ?? []) for (const cohort of group.cohorts) siteOf[cohort] = group.name;
    const cohorts = doc.cohorts.map((cohort) => {
      const [ror, low, high] = adjusted
        ? [cohort.mh_ror, cohort.mh_ci_low, cohort.mh_ci_high]
        : [cohort.ror, cohort.ci_low, cohort.ci_high];
      // An interval wholly below 1, wholly above, or one that includes 1 (or none at all): then
      // these data cannot tell, which is not "no difference".
      const reads = low == null || high == null ? 'same' : high < 1 ? 'less' : low > 1 ? 'more' : 'same';
      return { slug: cohort.indication, ror, low, high, defined: low != null && high != null, reads, site: siteOf[cohort.indication] };
    });
    data = { cohorts, groups: doc.groups, level: `${Math.round(doc.settings.ci_level * 100)}%` };
  };
  const name = (slug) => WORDS.cohort[slug] ?? slug;
  const siteName = (site) => WORDS.site[site] ?? site ?? '';
  const interval = (ror, low, high) => (low == null || high == null ? ratio(ror) : say('interval', { ror: ratio(ror), low: ratio(low), high: ratio(high) }));
  const readsAs = (cohort) => (!cohort.defined ? say('includes') : say({ less: 'below', more: 'above', same: 'includes' }[cohort.reads]));
  const guessLabel = (guess) => say(`guess_${guess}`);

  // The step: from <html data-step> (the link's, set by the app); moved only here.
  const current = () => Math.min(Math.max(Number(root.dataset.step) || 1, 1), steps);
  /** This page's address at `step`, with or without the teacher's notes, in the link's canonical order. */
  const address = (step, withNotes) => {
    const pairs = location.search.slice(1).split('&').filter((pair) => pair && !/^(step|teacher)=/.test(pair));
    const at = pairs.indexOf('mode=lesson') + 1;
    pairs.splice(at, 0, ...(step > 1 ? [`step=${step}`] : []), ...(withNotes ? ['teacher=1'] : []));
    return `${location.pathname}?${pairs.join('&')}${location.hash}`;
  };

  // The lesson's parts: its heading and step above the app's sections, Back / Next below them,
  // and the worksheet (shown only in print).
  const main = document.querySelector('main');
  const progress = make('span', { id: 'lesson-progress' });
  const title = make('h2', { id: 'lesson-title', tabIndex: -1 });
  const body = make('div', { id: 'lesson-body' });
  const notes = make('aside', { id: 'lesson-teacher', className: 'lesson-teacher', 'aria-labelledby': 'lesson-teacher-title' });
  const panel = make('section', { id: 'lesson', className: 'lesson', 'aria-labelledby': 'lesson-title' },
    make('p', { className: 'kicker' }, say('kicker'), ' · ', progress), title, body);
  if (teacher) panel.append(notes);
  const back = make('button', { type: 'button', id: 'lesson-back', className: 'action' }, say('back'));
  const next = make('button', { type: 'button', id: 'lesson-next', className: 'action lesson-next' }, say('next'));
  const print = make('button', { type: 'button', id: 'lesson-print', className: 'action' }, say('print'));
  const linkField = make('input', { id: 'lesson-link', type: 'text', readOnly: true });
  // Back and Next stay at the bottom of the screen; the link and Print come after the step.
  const nav = make('nav', { id: 'lesson-nav', className: 'lesson-nav', 'aria-label': say('nav') },
    back, make('span', { className: 'lesson-count', 'aria-hidden': 'true' }), next);
  const tools = make('div', { id: 'lesson-tools', className: 'lesson-tools' },
    make('div', { className: 'share-row' },
      make('label', { className: 'share-field', for: 'lesson-link' }, say('link_label'), linkField),
      make('button', { type: 'button', className: 'action', 'data-copy': 'lesson-link' }, say('copy_link')),
      print),
    make('p', { id: 'lesson-link-status', className: 'copy-status', role: 'status' }));
  const worksheet = make('section', { id: 'lesson-worksheet', className: 'lesson-worksheet' });
  const app = document.getElementById('app');
  main.insertBefore(panel, app);
  main.append(nav, tools, worksheet);

  back.addEventListener('click', () => go(current() - 1));
  next.addEventListener('click', () => go(current() + 1));
  print.addEventListener('click', () => window.print());

  // Step 3: three buttons per cohort (Tab, Space and Enter are enough to mark them).
  const predict = () => {
    const count = make('p', { id: 'lesson-marked', role: 'status' });
    const update = () => {
      count.textContent = say('marked', { done: data.cohorts.filter((c) => answers.guesses[c.slug]).length, total: data.cohorts.length });
    };
    const list = make('ul', { className: 'lesson-choices' }, data.cohorts.map((cohort) => {
      const label = `guess-${cohort.slug}`;
      const buttons = GUESSES.map((guess) => make('button', {
        type: 'button', className: 'choice', 'data-guess': guess, 'aria-pressed': String(answers.guesses[cohort.slug] === guess),
      }, guessLabel(guess)));
      for (const [idx, button] of buttons.entries()) {
        button.addEventListener('click', () => {
          answers.guesses[cohort.slug] = GUESSES[idx];
          keep();
          for (const other of buttons) other.setAttribute('aria-pressed', String(other === button));
          update();
        });
      }
      return make('li', { 'data-cohort': cohort.slug },
        make('p', { id: label, className: 'choice-name' }, make('strong', {}, name(cohort.slug)), ' ',
          make('span', { className: 'choice-note' }, say('injected', { site: siteName(cohort.site) }))),
        make('div', { role: 'group', className: 'choice-row', 'aria-labelledby': label }, buttons));
    }));
    update();
    return [make('p', {}, say('step3_text')), list, count];
  };

  // Step 4: the guesses beside the intervals, and the hits.
  const reveal = () => {
    const headers = say('reveal_columns').split('|');
    const guessed = data.cohorts.filter((cohort) => answers.guesses[cohort.slug]);
    const hits = guessed.filter((cohort) => answers.guesses[cohort.slug] === cohort.reads).length;
    const table = make('table', { className: 'lesson-table', id: 'lesson-reveal' },
      make('thead', {}, make('tr', {}, headers.map((text) => make('th', { scope: 'col' }, text)))),
      make('tbody', {}, data.cohorts.map((cohort) => {
        const guess = answers.guesses[cohort.slug];
        const result = !guess ? say('unmarked') : guess === cohort.reads ? say('hit') : say('miss');
        return make('tr', { 'data-cohort': cohort.slug, 'data-reads': cohort.reads, 'data-hit': guess ? String(guess === cohort.reads) : undefined },
          make('th', { scope: 'row' }, name(cohort.slug)),
          make('td', {}, guess ? guessLabel(guess) : say('guess_none')),
          make('td', {}, interval(cohort.ror, cohort.low, cohort.high)),
          make('td', {}, readsAs(cohort)),
          make('td', {}, result));
      })));
    const score = guessed.length > 0
      ? make('p', { id: 'lesson-score', className: 'lesson-score', 'data-hits': hits, 'data-total': guessed.length }, say('score', { hits, total: guessed.length }))
      : make('p', { id: 'lesson-score', className: 'lesson-score' }, say('no_guesses'));
    return [make('p', {}, say('step4_text')), score, make('div', { className: 'table-scroll', tabIndex: 0, role: 'region', 'aria-label': say('step4_title') }, table), make('p', { className: 'lesson-rule' }, say('rule'))];
  };

  // Step 5: each pattern and the explanation it would support, then the check.
  const explain = () => {
    const total = PATTERNS.length;
    const count = make('p', { id: 'lesson-answered', role: 'status' });
    const update = () => {
      count.textContent = answers.checked
        ? say('match_score', { right: PATTERNS.filter((id) => answers.matches[id] === id).length, total })
        : say('answered', { done: PATTERNS.filter((id) => answers.matches[id]).length, total });
    };
    const items = PATTERNS.map((id, idx) => {
      const label = `pattern-${id}`;
      const verdict = make('p', { className: 'lesson-verdict', 'data-pattern': id });
      const buttons = EXPLANATIONS.map((option) => make('button', {
        type: 'button', className: 'choice', 'data-explanation': option, 'aria-pressed': String(answers.matches[id] === option),
      }, WORDS.hypothesis[option]));
      const showVerdict = () => {
        if (!answers.checked) return;
        const chosen = answers.matches[id];
        const titleOf = { title: WORDS.hypothesis[id] };
        verdict.textContent = chosen === id ? say('right') : say(chosen ? 'wrong' : 'unanswered', titleOf);
        verdict.dataset.right = String(chosen === id);
      };
      for (const button of buttons) {
        button.addEventListener('click', () => {
          answers.matches[id] = button.dataset.explanation;
          keep();
          for (const other of buttons) other.setAttribute('aria-pressed', String(other === button));
          showVerdict();
          update();
        });
      }
      showVerdict();
      return make('li', { 'data-pattern': id },
        make('p', { id: label }, make('strong', {}, say('pattern', { n: idx + 1 })), ' ', WORDS.hypothesis[`${id}_prediction`]),
        make('div', { role: 'group', className: 'choice-row', 'aria-labelledby': label }, buttons),
        verdict);
    });
    const check = make('button', { type: 'button', id: 'lesson-check', className: 'action' }, say('check'));
    const list = make('ol', { className: 'lesson-choices' }, items);
    check.addEventListener('click', () => {
      answers.checked = true;
      keep();
      root.dataset.lessonChecked = '';
      render();
      document.getElementById('lesson-check')?.focus();
    });
    update();
    return [make('p', {}, say('step5_text')), list, make('div', { className: 'share-row' }, check), count];
  };

  // Step 6: the tasks, each with a live check of the scenario.
  const taskStatus = (task) => {
    const scenario = window.glabella.scenario() ?? {};
    if ((scenario[task.site] ?? []).includes(task.cohort)) return { done: true, text: say('task_done') };
    const site = ['frown', 'other_facial', 'no_facial'].find((key) => (scenario[key] ?? []).includes(task.cohort));
    return { done: false, text: say('task_not_yet', { cohort: name(task.cohort), group: siteName(site) }) };
  };
  const workbench = () => [
    make('p', {}, say('step6_text')),
    make('ol', { className: 'lesson-tasks' }, TASKS.map((task) => {
      const status = taskStatus(task);
      return make('li', {},
        make('p', {}, say(task.key, { group: siteName(task.site) })),
        make('p', { className: 'lesson-check', id: `lesson-${task.key}`, role: 'status', 'data-done': String(status.done) }, status.text));
    })),
  ];

  // Steps 1, 2 and 7: a text and questions to answer aloud or on the worksheet.
  const questions = (step) => {
    const keys = step === 7 ? ['step7_question1', 'step7_question2', 'step7_question3'] : [`step${step}_question`];
    return [make('p', {}, say(`step${step}_text`)), make('ul', { className: 'lesson-questions' }, keys.map((key) => make('li', {}, say(key))))];
  };

  const teacherNotes = (step) => {
    const answer = say(`step${step}_answer`, { systemic: WORDS.hypothesis.systemic });
    const parts = [
      make('h3', { id: 'lesson-teacher-title' }, say('teacher_title')),
      make('p', {}, say('answer', { text: answer })),
      make('p', {}, say('discuss', { text: say(`step${step}_discuss`) })),
    ];
    if (step === 5) {
      parts.push(make('ol', {}, PATTERNS.map((id) => make('li', {}, WORDS.hypothesis[id]))));
    }
    if (step === 1) {
      const [stepHeader, short, long] = say('timings_columns').split('|');
      parts.push(make('h3', {}, say('timings_title')), make('table', { className: 'lesson-table' },
        make('thead', {}, make('tr', {}, [stepHeader, short, long].map((text) => make('th', { scope: 'col' }, text)))),
        make('tbody', {}, TIMINGS.slice(0, steps).map(([twenty, fortyFive], idx) => make('tr', {},
          make('th', { scope: 'row' }, `${idx + 1}. ${say(`step${idx + 1}_title`)}`),
          make('td', {}, say('minutes', { n: twenty })),
          make('td', {}, say('minutes', { n: fortyFive })))))));
    }
    return parts;
  };

  // The worksheet: every step's questions with lines to write on, the tables of the scenario and
  // its link as text; the teacher's copy adds the answers. Shown only in print.
  const lines = (count) => make('div', { className: 'ws-lines' }, Array.from({ length: count }, () => make('div', { className: 'ws-line' })));
  const simpleTable = (headers, rows, className = 'ws-table') => make('table', { className },
    make('thead', {}, make('tr', {}, headers.map((text) => make('th', { scope: 'col' }, text)))),
    make('tbody', {}, rows.map((cells) => make('tr', {}, cells.map((text, idx) => make(idx === 0 ? 'th' : 'td', idx === 0 ? { scope: 'row' } : {}, text))))));
  const renderWorksheet = () => {
    const stepHeading = (step) => make('h2', {}, `${say('step_of', { step, steps })}: ${say(`step${step}_title`)}`);
    // The explanations' letters, in the language's alphabet.
    const letters = [...say('letters')];
    const [group, injected, guessLess, guessSame, guessMore] = [say('worksheet_cohorts').split('|')[0], say('worksheet_cohorts').split('|')[1], guessLabel('less'), guessLabel('same'), guessLabel('more')];
    const content = [
      make('h1', {}, say('worksheet_title')),
      make('p', { className: 'ws-name' }, `${say('name')}: ________________________   ${say('date')}: ____________`),
      make('p', { className: 'ws-link' }, say('worksheet_link', { link: new URL(address(1, false), location.href).href })),
      stepHeading(1), make('p', {}, say('step1_question')), lines(3),
      stepHeading(2), make('p', {}, say('step2_question')), lines(3),
      stepHeading(3), make('p', {}, say('worksheet_predict')),
      simpleTable([group, injected, guessLess, guessSame, guessMore], data.cohorts.map((cohort) => [name(cohort.slug), siteName(cohort.site), '☐', '☐', '☐'])),
      stepHeading(4), make('p', {}, say('worksheet_score')), lines(2), make('p', {}, say('rule')),
      stepHeading(5), make('p', {}, say('worksheet_match')),
      make('p', { className: 'ws-label' }, say('worksheet_explanations')),
      make('ul', { className: 'ws-letters' }, EXPLANATIONS.map((id, idx) => make('li', {}, `${letters[idx]}. ${WORDS.hypothesis[id]}`))),
      make('ol', {}, PATTERNS.map((id) => make('li', {}, `${WORDS.hypothesis[`${id}_prediction`]} ____`))),
      stepHeading(6), make('p', { className: 'ws-label' }, say('worksheet_tasks')),
      make('ol', {}, TASKS.map((task) => make('li', {}, say(task.key, { group: siteName(task.site) }), lines(3)))),
      stepHeading(7), make('ol', {}, ['step7_question1', 'step7_question2', 'step7_question3'].map((key) => make('li', {}, say(key), lines(3)))),
    ];
    const groups = data.groups.map((item) => [siteName(item.name), item.cohorts.map(name).join(', '), interval(item.pooled_ror, item.ci_low, item.ci_high)]);
    // Where the counts come from (the reconstruction's assumptions, a reader's file, a what-if),
    // as the page's own banner says it beside the same numbers; without its link, on paper.
    const banner = document.querySelector('#forest .data-banner')?.cloneNode(true);
    banner?.querySelectorAll('a').forEach((link) => link.remove());
    const dataPart = make('div', { className: 'ws-data' },
      make('h2', {}, say('worksheet_data', { level: data.level })),
      make('p', { className: 'ws-source' }, banner?.textContent.trim() ?? ''),
      simpleTable(say('worksheet_cohorts').split('|'), data.cohorts.map((cohort) => [name(cohort.slug), siteName(cohort.site), interval(cohort.ror, cohort.low, cohort.high), readsAs(cohort)])),
      simpleTable(say('worksheet_groups').split('|'), groups));
    content.push(dataPart);
    if (teacher) {
      content.push(make('div', { className: 'ws-answers' },
        make('h2', {}, say('worksheet_answers')),
        make('ol', {}, Array.from({ length: steps }, (_, idx) => make('li', {}, say(`step${idx + 1}_answer`, { systemic: WORDS.hypothesis.systemic })))),
        make('p', {}, PATTERNS.map((id, idx) => `${idx + 1}: ${letters[EXPLANATIONS.indexOf(id)]}`).join('   '))));
    }
    worksheet.replaceChildren(...content);
  };

  const BODIES = { predict, reveal, explain, workbench };
  const render = () => {
    const step = current();
    progress.textContent = say('step_of', { step, steps });
    nav.querySelector('.lesson-count').textContent = say('step_of', { step, steps });
    title.textContent = say(`step${step}_title`);
    const build = BODIES[STEPS[step - 1]];
    body.replaceChildren(...(build ? build() : questions(step)));
    if (teacher) notes.replaceChildren(...teacherNotes(step));
    back.disabled = step === 1;
    next.disabled = step === steps;
    linkField.value = new URL(address(step, false), location.href).href;
    if (answers.checked) root.dataset.lessonChecked = '';
    renderWorksheet();
  };

  // Moves to `step`: the attribute the CSS reads, the URL (no history entry, as the app writes
  // it), the step's parts, and the keyboard focus on its heading.
  const go = (step) => {
    const wanted = Math.min(Math.max(step, 1), steps);
    if (wanted === current()) return;
    root.dataset.step = String(wanted);
    try { history.replaceState(history.state, '', address(wanted, teacher)); } catch { /* a sandboxed frame */ }
    render();
    dispatchEvent(new CustomEvent('glabella:lesson-step', { detail: wanted }));
    title.focus({ preventScroll: true });
    panel.scrollIntoView({ block: 'start' });
  };

  // A new scenario (the workbench, a setScenario from outside): new numbers, the same step. The
  // focus stays where the reader is.
  addEventListener('glabella:change', async () => {
    await load();
    const focused = document.activeElement;
    const step = current();
    if (STEPS[step - 1] === 'workbench') {
      for (const task of TASKS) {
        const status = taskStatus(task);
        const line = document.getElementById(`lesson-${task.key}`);
        if (line && line.textContent !== status.text) {
          line.textContent = status.text;
          line.dataset.done = String(status.done);
        }
      }
      linkField.value = new URL(address(step, false), location.href).href;
      renderWorksheet();
    } else {
      render();
      if (focused && document.contains(focused)) focused.focus({ preventScroll: true });
    }
  });

  await load();
  render();
  root.dataset.lessonReady = '';
};
