/** Worker-thread entry of the sweep pool: evaluates tasks posted by the main thread, one at a time. */
import { parentPort } from 'node:worker_threads';
import { evaluateTask, type SweepTask } from './task.js';

interface TaskMessage {
  id: number;
  task: SweepTask;
}

const port = parentPort;
if (port === null) throw new Error('sweep-worker must run in a worker thread');
port.on('message', (msg: TaskMessage) => {
  evaluateTask(msg.task).then(
    (row) => port.postMessage({ id: msg.id, row }),
    (err: unknown) => port.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) }),
  );
});
