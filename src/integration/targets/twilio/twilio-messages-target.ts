import type { ToolInput } from '../../../contracts/tools/registry.ts';
import { OutcomeUnknownError } from '../../../platform/errors.ts';
import type { TargetCallContext } from '../action-target.ts';
import { httpCall } from '../http/http-call.ts';
import { ActionTargetBase } from '../target-base.ts';

export interface TwilioMessagesOptions {
  /** `https://api.twilio.com` in production; a local fake in tests. */
  baseUrl: string;
  accountSid: string;
  authToken: string;
  /** The sending number (E.164) or a Messaging Service SID (`MG…`). */
  from: string;
}

/** The fields of a Twilio Message resource we read. */
export interface TwilioMessage {
  sid: string;
  to: string;
  body: string;
  status: string;
  error_code?: number | null;
  error_message?: string | null;
  date_created?: string;
}

/**
 * Confirmation SMS through Twilio's Messages API (POST /2010-04-01/Accounts/{sid}/Messages.json,
 * form-encoded). Twilio has no idempotency key for sends, so a resend after an unknown outcome
 * is only safe after reconciliation: list today's messages to the number and look for the same
 * body (our bodies carry the order reference, so they are unique per order).
 */
export class TwilioMessagesTarget extends ActionTargetBase<'send_confirmation_message'> {
  readonly actionType = 'send_confirmation_message';
  readonly name = 'twilio';

  constructor(private readonly options: TwilioMessagesOptions) {
    super();
  }

  private get headers(): Record<string, string> {
    const basic = Buffer.from(`${this.options.accountSid}:${this.options.authToken}`).toString(
      'base64',
    );
    return { authorization: `Basic ${basic}` };
  }

  private get messagesUrl(): URL {
    return new URL(
      `/2010-04-01/Accounts/${encodeURIComponent(this.options.accountSid)}/Messages.json`,
      this.options.baseUrl,
    );
  }

  protected async send(
    message: ToolInput<'send_confirmation_message'>,
    context: TargetCallContext,
  ): Promise<unknown> {
    const sender: Record<string, string> = this.options.from.startsWith('MG')
      ? { MessagingServiceSid: this.options.from }
      : { From: this.options.from };
    const answer = await httpCall({
      method: 'POST',
      url: this.messagesUrl.toString(),
      headers: { ...this.headers, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ To: message.to, Body: message.body, ...sender }).toString(),
      signal: context.signal,
      target: this.name,
      // Vendor APIs do not redirect: a 3xx means a wrong base URL, and following a POST would
      // drop its body or replay it, with our credentials, to a host nobody configured.
      redirect: 'refuse',
      effectful: true,
    });
    const sent = answer.body as TwilioMessage | undefined;
    if (!sent || typeof sent.sid !== 'string') {
      throw new OutcomeUnknownError('twilio answered without a message', {
        details: { target: this.name },
      });
    }
    return messageResult(sent);
  }

  protected async lookup(
    message: ToolInput<'send_confirmation_message'>,
    context: TargetCallContext,
  ): Promise<unknown> {
    const url = this.messagesUrl;
    url.searchParams.set('To', message.to);
    // Yesterday too: a send just before midnight UTC is listed under its own day.
    url.searchParams.set('DateSent>', new Date(Date.now() - 86_400_000).toISOString().slice(0, 10));
    url.searchParams.set('PageSize', '100');
    const answer = await httpCall({
      method: 'GET',
      url: url.toString(),
      headers: this.headers,
      signal: context.signal,
      target: this.name,
      redirect: 'refuse',
      effectful: false,
    });
    const page = (answer.body ?? {}) as { messages?: TwilioMessage[] };
    const match = page.messages?.find((sent) => sent.body === message.body);
    return match && messageResult(match);
  }
}

function messageResult(message: TwilioMessage): unknown {
  switch (message.status) {
    case 'sent':
      return { status: 'sent', provider_message_id: message.sid };
    case 'delivered':
    case 'read':
      return { status: 'delivered', provider_message_id: message.sid };
    case 'failed':
    case 'undelivered':
    case 'canceled':
      return {
        status: 'failed',
        provider_message_id: message.sid,
        error: {
          code: `twilio_${message.error_code ?? message.status}`,
          message: message.error_message ?? `the message was ${message.status}`,
        },
      };
    default:
      return { status: 'queued', provider_message_id: message.sid };
  }
}
