/**
 * The session manager: one call from answer to hang-up, over any gateway (text, simulator, phone).
 * It pins the configuration, reads the context through the context engine, asks the dialogue
 * policy for acts, steps the dialogue manager, and carries out its effects against the session
 * store. Nothing throws out of a session: an internal error is apologised for, escalated and
 * recorded, and every ended session has exactly one SessionCompleted.
 */
import type {
  EscalationMode,
  EscalationReason,
  SessionOutcome,
} from '../../contracts/events/index.ts';
import type { Clock } from '../../platform/clock.ts';
import { systemClock } from '../../platform/clock.ts';
import { newId } from '../../platform/ids.ts';
import type { Logger } from '../../platform/log/index.ts';
import type { SessionConfig } from '../blueprint/index.ts';
import type { LocationContext } from './context-engine.ts';
import type { ContextEngine } from './context-engine.ts';
import type { DialogueEffect, DialogueStep } from './dialogue-manager.ts';
import { escalate, escalationSummary, openDialogue, stepDialogue } from './dialogue-manager.ts';
import { buildOrderDocuments } from './order-documents.ts';
import type { DialoguePolicy } from './policy.ts';
import { rulesDialoguePolicy } from './policy.ts';
import type { CommittedOrder, SessionChannel, SessionRef, SessionStore } from './session-store.ts';
import type { DialogueState } from './state.ts';
import { Phase, initialState } from './state.ts';
import type { TurnContext } from './turn-context.ts';

export interface SessionManagerOptions {
  store: SessionStore;
  context: ContextEngine;
  policy?: DialoguePolicy;
  clock?: Clock;
  logger?: Logger;
  /**
   * Asked once as a call starts (an overflow kill switch, e.g. RuntimeControls.isOverflowOff):
   * true hands the call straight back to the restaurant. A running call is never cut.
   */
  overflowOff?: (tenantId: string, locationId: string) => boolean;
}

export interface OpenSessionOptions {
  config: SessionConfig;
  channel: SessionChannel;
  sessionId?: string;
  correlationId?: string;
  callerRef?: string;
  signal?: AbortSignal;
}

export interface TurnTiming {
  /** Monotonic milliseconds spent on the turn (context, policy, dialogue, store). */
  totalMs: number;
}

export interface AgentTurn {
  reply: string;
  ended: boolean;
  outcome: SessionOutcome | undefined;
  timing: TurnTiming;
}

export class SessionManager {
  readonly store: SessionStore;
  readonly context: ContextEngine;
  readonly policy: DialoguePolicy;
  readonly clock: Clock;
  readonly logger: Logger | undefined;
  readonly overflowOff: ((tenantId: string, locationId: string) => boolean) | undefined;

  constructor(options: SessionManagerOptions) {
    this.overflowOff = options.overflowOff;
    this.store = options.store;
    this.context = options.context;
    this.policy = options.policy ?? rulesDialoguePolicy;
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger;
  }

  /** Starts a session: records it, says the greeting. Never throws. */
  async open(options: OpenSessionOptions): Promise<CallSession> {
    const session = new CallSession(this, options);
    await session.begin();
    return session;
  }
}

export class CallSession {
  readonly ref: SessionRef;
  readonly config: SessionConfig;
  readonly state: DialogueState = initialState();
  /**
   * Every utterance, in order (the greeting first). `interrupted`: the caller barged in and
   * `text` is only what was played (see {@link CallSession.recordInterruption}).
   */
  readonly transcript: { speaker: 'agent' | 'caller'; text: string; interrupted?: boolean }[] = [];
  readonly timings: TurnTiming[] = [];
  greeting = '';
  order: CommittedOrder | undefined;
  escalation: { mode: EscalationMode; reason: EscalationReason; summary: string } | undefined;
  private ended = false;
  private completed = false;
  /** Consecutive turns whose policy decision overran the latency budget. */
  private consecutiveSlowTurns = 0;
  private readonly startedMs: number;
  private readonly signal: AbortSignal | undefined;

  constructor(
    private readonly manager: SessionManager,
    private readonly options: OpenSessionOptions,
  ) {
    this.config = options.config;
    this.signal = options.signal;
    this.startedMs = manager.clock.monotonicMs();
    this.ref = {
      tenantId: options.config.overlay.tenantId,
      locationId: options.config.overlay.locationId,
      sessionId: options.sessionId ?? newId(),
      correlationId: options.correlationId ?? newId(),
    };
  }

  get isEnded(): boolean {
    return this.ended;
  }

  get outcome(): SessionOutcome | undefined {
    return this.state.outcome;
  }

  /** @internal */
  async begin(): Promise<void> {
    if (this.manager.overflowOff?.(this.ref.tenantId, this.ref.locationId)) {
      this.handBackToRestaurant();
      return;
    }
    try {
      await this.manager.store.startSession(
        {
          ...this.ref,
          channel: this.options.channel,
          blueprintId: null,
          overlayId: this.config.overlay.overlayId,
          configVersion: this.config.version,
          policy: this.manager.policy.name,
          callerRef: this.options.callerRef ?? null,
          startedAt: this.manager.clock.now(),
        },
        this.signal,
      );
    } catch (error) {
      // Without a session row nothing else can be recorded: say sorry and end.
      this.log('session start failed', error);
      this.state.phase = Phase.ended;
      this.state.outcome = 'failed';
      this.ended = true;
      this.completed = true;
      this.greeting =
        "Sorry, we're having technical trouble. Please call the restaurant directly. Goodbye.";
      this.transcript.push({ speaker: 'agent', text: this.greeting });
      return;
    }
    const step = await this.guard(async (context) => openDialogue(this.state, context));
    this.greeting = step.reply;
    this.transcript.push({ speaker: 'agent', text: step.reply });
  }

  /** One caller turn ('' is silence). Never throws; after the end it returns an empty reply. */
  async turn(text: string): Promise<AgentTurn> {
    const startMs = this.manager.clock.monotonicMs();
    if (this.ended) return this.result('', startMs, false);
    const utterance = typeof text === 'string' ? text : '';
    this.transcript.push({ speaker: 'caller', text: utterance });
    const step = await this.guard(async (context) => {
      const decideStartMs = this.manager.clock.monotonicMs();
      const understanding = await this.manager.policy.decide({
        utterance,
        state: this.state,
        lexicon: context.lexicon,
        ...(this.signal ? { signal: this.signal } : {}),
      });
      const decideMs = this.manager.clock.monotonicMs() - decideStartMs;
      const dialogueStep = stepDialogue(this.state, utterance, understanding, context);
      return this.checkLatencyBudget(decideMs, dialogueStep, context);
    });
    this.transcript.push({ speaker: 'agent', text: step.reply });
    return this.result(step.reply, startMs, true);
  }

  /**
   * A slow policy is dead air for the caller. One slow turn is tolerated; a second in a row
   * hands the call to a person (blueprint §7.2 "latency budget breaches").
   */
  private checkLatencyBudget(
    decideMs: number,
    step: DialogueStep,
    context: TurnContext,
  ): DialogueStep {
    if (decideMs <= this.config.runtime.turnLatencyBudgetMs) {
      this.consecutiveSlowTurns = 0;
      return step;
    }
    this.consecutiveSlowTurns++;
    if (this.consecutiveSlowTurns < 2 || step.effect) return step;
    return escalate(this.state, context, 'latency_budget', "Sorry, I'm having trouble keeping up.");
  }

  /**
   * The caller barged in: the agent's last utterance keeps only what was actually played, so the
   * context holds what the caller heard, not what the agent meant to say.
   */
  recordInterruption(playedText: string): void {
    for (let k = this.transcript.length - 1; k >= 0; k--) {
      const entry = this.transcript[k]!;
      if (entry.speaker !== 'agent') continue;
      entry.text = playedText;
      entry.interrupted = true;
      return;
    }
  }

  /**
   * A part of the call outside the dialogue failed for good (speech recognition or synthesis):
   * hands the caller to a person the usual way (warm or callback) and returns what to say.
   * Never throws; after the end it returns an empty reply.
   */
  async escalateAfterFailure(reason: EscalationReason, lead: string): Promise<AgentTurn> {
    const startMs = this.manager.clock.monotonicMs();
    if (this.ended) return this.result('', startMs, false);
    const step = await this.guard(async (context) => escalate(this.state, context, reason, lead));
    this.transcript.push({ speaker: 'agent', text: step.reply });
    return this.result(step.reply, startMs, true);
  }

  /**
   * Overflow is switched off: the call is not ours to take. It goes back to the restaurant's own
   * line (a cold transfer by the gateway) and nothing is recorded: no session was held.
   */
  private handBackToRestaurant(): void {
    this.state.phase = Phase.ended;
    this.state.outcome = 'escalated';
    this.escalation = {
      mode: 'cold',
      reason: 'policy',
      summary: 'overflow is switched off for this location',
    };
    this.ended = true;
    this.completed = true;
    this.greeting = 'One moment, I am putting you through to the restaurant.';
    this.transcript.push({ speaker: 'agent', text: this.greeting });
  }

  /** The caller hung up. Records the end if the call had not ended yet. Never throws. */
  async hangUp(): Promise<void> {
    if (this.ended) return;
    // A caller who hangs up after hearing why the order cannot be placed is a "no order".
    const outcome: SessionOutcome = this.state.blocker ? 'no_order' : 'caller_hung_up';
    this.state.phase = Phase.ended;
    this.state.outcome = outcome;
    this.ended = true;
    await this.complete(outcome);
  }

  private result(reply: string, startMs: number, record: boolean): AgentTurn {
    const timing = { totalMs: this.manager.clock.monotonicMs() - startMs };
    if (record) this.timings.push(timing);
    return { reply, ended: this.ended, outcome: this.state.outcome, timing };
  }

  /**
   * Runs one dialogue step with a fresh context, then its effect. Any error on the way becomes
   * an apology and an escalation (tool_error), recorded like any other.
   */
  private async guard(
    work: (context: TurnContext) => Promise<DialogueStep>,
  ): Promise<DialogueStep> {
    let context: TurnContext | undefined;
    try {
      context = await this.turnContext();
      const step = await work(context);
      return await this.carryOut(step, context);
    } catch (error) {
      this.log('session turn failed', error);
      return this.failSafe(context);
    }
  }

  private async turnContext(): Promise<TurnContext> {
    const location: LocationContext = await this.manager.context.get(
      this.ref.tenantId,
      this.ref.locationId,
      this.signal,
    );
    return {
      config: this.config,
      menu: location.menu,
      lexicon: location.lexicon,
      kitchen: location.kitchen,
      now: this.manager.clock.now(),
    };
  }

  private async carryOut(step: DialogueStep, context: TurnContext): Promise<DialogueStep> {
    const effect: DialogueEffect | undefined = step.effect;
    if (!effect) return step;
    switch (effect.kind) {
      case 'commit_order': {
        const order = await this.manager.store.commitOrder(
          this.ref,
          this.config.overlay.orderReferencePrefix,
          (reference) => buildOrderDocuments(this.state, context, this.ref, reference),
          this.signal,
        );
        this.order = order;
        this.state.orderReference = order.orderReference;
        this.state.phase = Phase.ended;
        this.state.outcome = 'order_created';
        this.ended = true;
        const spokenReference = order.orderReference.replace('-', ' ');
        await this.complete('order_created');
        return {
          reply: `Your order is confirmed. Your reference is ${spokenReference}. Thank you${this.state.name ? `, ${this.state.name.split(' ')[0]}` : ''}, and goodbye!`,
        };
      }
      case 'escalate':
        this.ended = true;
        await this.recordEscalation(effect.mode, effect.reason, effect.summary);
        await this.complete('escalated');
        return { reply: step.reply };
      case 'end':
        this.ended = true;
        await this.complete(effect.outcome);
        return { reply: step.reply };
    }
  }

  private async recordEscalation(
    mode: EscalationMode,
    reason: EscalationReason,
    summary: string,
  ): Promise<void> {
    this.escalation = { mode, reason, summary };
    await this.manager.store.recordEscalation(
      this.ref,
      { mode, reason, summary, callback_at: null },
      this.signal,
    );
  }

  /** After an internal error: apologise, try to hand over, and always try to record the end. */
  private async failSafe(context: TurnContext | undefined): Promise<DialogueStep> {
    if (this.ended && this.completed) {
      return { reply: 'Sorry, something went wrong on my side. Goodbye.' };
    }
    this.state.phase = Phase.ended;
    this.ended = true;
    const mode: EscalationMode = this.config.escalation.humanAvailable ? 'warm' : 'callback';
    const summary = context
      ? escalationSummary(this.state, context, 'tool_error')
      : `Reason: tool error. Items so far: ${this.state.lines.map((line) => `${line.quantity}x ${line.item}`).join('; ') || 'none'}.`;
    try {
      await this.recordEscalation(mode, 'tool_error', summary);
      this.state.outcome = 'escalated';
      await this.complete('escalated');
      return {
        reply:
          mode === 'warm'
            ? 'Sorry, something went wrong on my side. Let me put you through to someone at the restaurant.'
            : "Sorry, something went wrong on my side. I've asked the restaurant to call you back. Goodbye.",
      };
    } catch (error) {
      this.log('escalation after an error failed', error);
      this.state.outcome = 'failed';
      await this.complete('failed');
      return {
        reply:
          "Sorry, we're having technical trouble. Please call the restaurant directly. Goodbye.",
      };
    }
  }

  /** Appends SessionCompleted once; a failure here is logged, never thrown. */
  private async complete(outcome: SessionOutcome): Promise<void> {
    if (this.completed) return;
    this.completed = true;
    try {
      await this.manager.store.completeSession(
        this.ref,
        {
          outcome,
          turns: Math.min(this.state.turns, 10_000),
          repairs: Math.min(this.state.repairs, 10_000),
          duration_ms: Math.max(0, Math.round(this.manager.clock.monotonicMs() - this.startedMs)),
          order_reference: this.state.orderReference ?? null,
        },
        this.signal,
      );
    } catch (error) {
      this.log('recording the session end failed', error);
    }
  }

  private log(message: string, error: unknown): void {
    this.manager.logger?.error(
      { err: error, session_id: this.ref.sessionId, tenant_id: this.ref.tenantId },
      message,
    );
  }
}
