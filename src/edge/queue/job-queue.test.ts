import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { examplePrinterTicket } from '../../contracts/testing/index.ts';
import { newId } from '../../platform/ids.ts';
import { JobQueue } from './job-queue.ts';

function tempFile(): string {
  return path.join(mkdtempSync(path.join(os.tmpdir(), 'voxeron-queue-')), 'queue.sqlite');
}
function ticket(jobId: string) {
  return { ...examplePrinterTicket(), job_id: jobId };
}

void describe('durable job queue', () => {
  void it('stores offers once: a replayed job id is a duplicate, even after it was settled', () => {
    const queue = new JobQueue(tempFile());
    const jobId = newId();
    assert.deepEqual(queue.offer(jobId, 'kitchen-1', ticket(jobId)), { result: 'accepted' });
    assert.deepEqual(queue.offer(jobId, 'kitchen-1', ticket(jobId)), { result: 'duplicate' });
    assert.ok(queue.startPrinting(jobId));
    assert.equal(queue.markPrinted(jobId), 'printed');
    queue.forget(jobId);
    assert.deepEqual(queue.offer(jobId, 'kitchen-1', ticket(jobId)), { result: 'duplicate' });
    assert.equal(queue.nextQueued(), undefined);
    queue.close();
  });

  void it('moves queued → printing → printed/failed and honours cancels', () => {
    const queue = new JobQueue(tempFile());
    const [a, b, c, d] = [newId(), newId(), newId(), newId()];
    for (const id of [a, b, c, d]) queue.offer(id, 'kitchen-1', ticket(id));
    assert.equal(queue.nextQueued()?.jobId, a);
    assert.equal(queue.cancel(a), 'canceled', 'canceled before printing: never printed');
    assert.equal(queue.startPrinting(a), false);
    assert.equal(queue.nextQueued()?.jobId, b);
    assert.ok(queue.startPrinting(b));
    assert.equal(queue.markPrinted(b), 'printed');
    assert.equal(queue.cancel(b), 'printed_after_cancel');
    assert.ok(queue.startPrinting(c));
    assert.equal(queue.cancel(c), 'cancel_pending');
    assert.equal(queue.markPrinted(c), 'printed_after_cancel');
    assert.ok(queue.startPrinting(d));
    assert.equal(queue.markFailed(d, { code: 'printer_garbage_answer', message: 'x' }), 'failed');
    assert.equal(queue.cancel(d), 'already_final');
    assert.equal(queue.cancel(newId()), 'unknown_job');
    assert.deepEqual(queue.countsByStatus(), { canceled: 1, printed_after_cancel: 2, failed: 1 });
    queue.close();
  });

  void it('refuses offers beyond its bound with a clear reason (backpressure)', () => {
    const queue = new JobQueue(tempFile(), { maxPendingJobs: 2 });
    for (let i = 0; i < 2; i += 1) {
      const id = newId();
      assert.equal(queue.offer(id, 'kitchen-1', ticket(id)).result, 'accepted');
    }
    const id = newId();
    const refused = queue.offer(id, 'kitchen-1', ticket(id));
    assert.equal(refused.result, 'rejected');
    assert.match(
      refused.result === 'rejected' ? refused.reason : '',
      /queue full: 2 jobs waiting, limit 2/,
    );
    assert.equal(queue.pendingCount(), 2);
    queue.close();
  });

  void it('keeps every acknowledged job through kill -9, and recovers interrupted prints', async () => {
    const file = tempFile();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(import.meta.dirname, '../testing/queue-writer-child.ts'), file],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (output.split('\n').length > 300) {
          clearInterval(check);
          resolve();
        }
      }, 10);
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const acked = output.split('\n').slice(0, -1); // the last line may be cut mid-write
    const queue = new JobQueue(file);
    const missing = acked.filter((jobId) => queue.get(jobId) === undefined);
    assert.deepEqual(missing, [], 'every acknowledged job survived');
    const interrupted = queue.recoverInterrupted();
    assert.ok(interrupted >= 1, 'the job caught printing is queued again');
    const next = queue.nextQueued();
    assert.ok(next);
    assert.equal(next.bytesSent, true, 'and will print with a reprint banner');
    queue.close();
  });
});
