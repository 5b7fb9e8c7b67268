// The tasks page: list, create, complete and delete tasks through lab-web's /api, plus a slow and a
// failing request. Each user action is a span of its own trace (lab-otel.js); its fetches continue it.
import { createTracer } from './lab-otel.js';

const tracer = await createTracer();
const list = document.getElementById('tasks');
const status = document.getElementById('status');
const overview = document.getElementById('overview');

function show(text, span, failed) {
  status.textContent = text + ' · trace ' + span.traceId;
  status.className = failed ? 'error' : '';
  status.dataset.traceId = span.traceId;
}

// Reads the answer; a non-2xx becomes an Error carrying lab-web's {"error": ...} message.
async function answer(response) {
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new Error(response.status + ' ' + (body && body.error ? body.error : response.statusText));
  }
  return body;
}

async function refresh(span) {
  const [tasks, summary] = await Promise.all([
    tracer.fetch(span, '/api/tasks?limit=50').then(answer),
    tracer.fetch(span, '/api/overview').then(answer),
  ]);
  list.replaceChildren(...tasks.map(item));
  overview.textContent = summary.stats.open + ' open, ' + summary.stats.completed + ' completed';
}

function item(task) {
  const li = document.createElement('li');
  li.className = task.completed ? 'done' : '';
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.checked = task.completed;
  box.disabled = task.completed;
  box.addEventListener('change', () => act('complete task', async (span) => {
    await answer(await tracer.fetch(span, '/api/tasks/' + task.id, {
      method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ completed: true }),
    }));
    await refresh(span);
    return 'Completed task #' + task.id;
  }));
  const title = document.createElement('span');
  title.textContent = task.title;
  const remove = document.createElement('button');
  remove.type = 'button';
  remove.textContent = 'Delete';
  remove.addEventListener('click', () => act('delete task', async (span) => {
    await answer(await tracer.fetch(span, '/api/tasks/' + task.id, { method: 'DELETE' }));
    await refresh(span);
    return 'Deleted task #' + task.id;
  }));
  li.append(box, title, remove);
  return li;
}

// One user action: its span, its fetches, and a line saying how it went with its trace id.
async function act(name, work) {
  let shown = false;
  try {
    await tracer.action(name, async (span) => {
      try {
        show(await work(span), span, false);
      } catch (error) {
        show(name + ' failed: ' + error.message, span, true);
        shown = true;
        throw error;
      }
    });
  } catch (error) {
    if (!shown) {
      status.textContent = name + ' failed: ' + error.message;
    }
  }
}

document.getElementById('new-task').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = document.getElementById('title');
  const title = input.value;
  act('create task', async (span) => {
    const created = await answer(await tracer.fetch(span, '/api/tasks', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ title }),
    }));
    input.value = '';
    await refresh(span);
    return 'Created task #' + created.id;
  });
});

document.getElementById('slow').addEventListener('click', () => act('slow request', async (span) => {
  const body = await answer(await tracer.fetch(span, '/api/simulate-slow?delay=1.5'));
  return 'Slow request answered after ' + body.delay_seconds + ' s';
}));

document.getElementById('fail').addEventListener('click', () => act('failing request', async (span) => {
  await answer(await tracer.fetch(span, '/api/reports/overdue'));
  return 'The failing request did not fail';
}));

act('load page', async (span) => {
  await refresh(span);
  return 'Loaded the tasks';
});
