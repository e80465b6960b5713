import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ToolInput } from '../../contracts/tools/registry.ts';
import type { TargetCallContext } from './action-target.ts';
import { ActionTargetBase } from './target-base.ts';

interface SinkLine {
  idempotency_key: string;
  provider_message_id: string;
}

/**
 * The demo's SMS provider: each confirmation becomes one JSON line in a local file (e.g.
 * `.voxeron/outbox-sms.jsonl`), once per idempotency key, so `npm start` shows what a caller
 * would receive without a Twilio account. The file holds phone numbers: it is a local demo
 * artefact, never a production sink.
 */
export class FileMessageSinkTarget extends ActionTargetBase<'send_confirmation_message'> {
  readonly actionType = 'send_confirmation_message';
  readonly name = 'file-sms-sink';
  // One writer at a time in this process, so check-then-append does not race with itself.
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly filePath: string) {
    super();
  }

  protected send(
    message: ToolInput<'send_confirmation_message'>,
    context: TargetCallContext,
  ): Promise<unknown> {
    const run = this.tail.then(async () => {
      const existing = await this.find(context.idempotencyKey);
      if (existing) return { status: 'sent', provider_message_id: existing.provider_message_id };
      const line = {
        idempotency_key: context.idempotencyKey,
        provider_message_id: `file-${context.actionId}`,
        to: message.to,
        body: message.body,
        sent_at: new Date().toISOString(),
      };
      await mkdir(path.dirname(this.filePath), { recursive: true });
      await appendFile(this.filePath, `${JSON.stringify(line)}\n`);
      return { status: 'sent', provider_message_id: line.provider_message_id };
    });
    this.tail = run.catch(() => undefined);
    return run;
  }

  protected async lookup(
    _message: ToolInput<'send_confirmation_message'>,
    context: TargetCallContext,
  ): Promise<unknown> {
    const existing = await this.find(context.idempotencyKey);
    return existing && { status: 'sent', provider_message_id: existing.provider_message_id };
  }

  private async find(idempotencyKey: string): Promise<SinkLine | undefined> {
    const text = await readFile(this.filePath, 'utf8').catch(() => '');
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      const parsed = JSON.parse(line) as SinkLine;
      if (parsed.idempotency_key === idempotencyKey) return parsed;
    }
    return undefined;
  }
}
