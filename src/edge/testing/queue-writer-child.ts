/**
 * Child process for the kill -9 test: offers jobs to a queue as fast as it can and prints each
 * job id only after `offer` returned (the moment the agent would send its ack).
 * Usage: node --import tsx queue-writer-child.ts <sqlite file>
 */
import { examplePrinterTicket } from '../../contracts/testing/index.ts';
import { newId } from '../../platform/ids.ts';
import { JobQueue } from '../queue/job-queue.ts';

const file = process.argv[2];
if (file === undefined) throw new Error('usage: queue-writer-child.ts <sqlite file>');
const queue = new JobQueue(file, { maxPendingJobs: 1_000_000 });
for (;;) {
  const jobId = newId();
  const result = queue.offer(jobId, 'kitchen-1', { ...examplePrinterTicket(), job_id: jobId });
  if (result.result === 'accepted') process.stdout.write(`${jobId}\n`);
  const next = queue.nextQueued();
  if (next !== undefined && queue.startPrinting(next.jobId)) queue.recordAttempt(next.jobId, 1);
}
