import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useReducer } from 'react';
import { subscribeSse, type SseEvent } from '@/lib/sse';
import { generationKeys, isTerminal, useGeneration, type Generation } from './generations-api';

export interface StreamUsage {
  tokens_in: number;
  tokens_out: number;
  estimated: boolean;
  cost_usd: number;
  cached: boolean;
}

export interface StreamState {
  text: string;
  status: string;
  usage: StreamUsage | null;
  done: { document_id?: string; version?: number; stories?: number } | null;
  error: { code: string; message: string } | null;
  /** Reconnect attempt number while resuming after a dropped connection. */
  reconnecting: number | null;
  /** The stream could not be (re)opened at all. */
  connectionError: unknown;
  /** Events were read live (false when rendered from the stored generation). */
  live: boolean;
}

type Action =
  | { type: 'snapshot'; generation: Generation }
  | { type: 'event'; event: SseEvent }
  | { type: 'reconnecting'; attempt: number }
  | { type: 'connectionError'; error: unknown }
  | { type: 'reset' };

const initial: StreamState = {
  text: '',
  status: 'queued',
  usage: null,
  done: null,
  error: null,
  reconnecting: null,
  connectionError: null,
  live: false,
};

function parse(data: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(data);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The state a stored generation shows (finished ones, or before the stream opens). */
export function stateFromGeneration(g: Generation): StreamState {
  const finished = isTerminal(g.status);
  return {
    ...initial,
    text: g.output ?? '',
    status: g.status,
    usage: finished || g.tokens_in || g.tokens_out
      ? { tokens_in: g.tokens_in, tokens_out: g.tokens_out, estimated: g.tokens_estimated, cost_usd: g.cost_usd, cached: g.cached }
      : null,
    done: g.status === 'succeeded' ? { document_id: g.document_id ?? undefined, version: g.document_version ?? undefined } : null,
    error: g.error && g.status !== 'succeeded' ? { code: g.error.code ?? g.status, message: g.error.message ?? 'The generation did not finish.' } : null,
  };
}

export function streamReducer(state: StreamState, action: Action): StreamState {
  switch (action.type) {
    case 'reset':
      return initial;
    case 'snapshot':
      return stateFromGeneration(action.generation);
    case 'reconnecting':
      return { ...state, reconnecting: action.attempt };
    case 'connectionError':
      return { ...state, reconnecting: null, connectionError: action.error };
    case 'event': {
      const data = parse(action.event.data);
      const next = { ...state, reconnecting: null, live: true };
      switch (action.event.event) {
        case 'delta':
          return { ...next, text: state.text + (typeof data.text === 'string' ? data.text : '') };
        case 'status':
          return { ...next, status: typeof data.status === 'string' ? data.status : state.status };
        case 'usage':
          return {
            ...next,
            usage: {
              tokens_in: Number(data.tokens_in ?? 0),
              tokens_out: Number(data.tokens_out ?? 0),
              estimated: Boolean(data.estimated),
              cost_usd: Number(data.cost_usd ?? 0),
              cached: Boolean(data.cached),
            },
          };
        case 'done':
          return {
            ...next,
            status: isTerminal(state.status) ? state.status : 'succeeded',
            done: {
              document_id: typeof data.document_id === 'string' && data.document_id ? data.document_id : undefined,
              version: typeof data.version === 'number' ? data.version : undefined,
              stories: typeof data.stories === 'number' ? data.stories : undefined,
            },
          };
        case 'error':
          return {
            ...next,
            status: isTerminal(state.status) ? state.status : data.code === 'cancelled' ? 'cancelled' : 'failed',
            error: { code: String(data.code ?? 'failed'), message: String(data.message ?? 'The generation failed.') },
          };
        default:
          return next;
      }
    }
  }
}

export interface UseGenerationStreamOptions {
  /** Delay before resuming a dropped stream (tests shorten it). */
  retryDelayMs?: number;
}

/**
 * Follows a generation: loads it (GET /generations/{id}); a finished one is
 * shown from its stored output, a running one is streamed from its events
 * (the server replays them from the start, then resumes with Last-Event-ID
 * after a drop). On the terminal event the stored generation is reloaded so
 * its result (proposal, stories) is available.
 */
export function useGenerationStream(id: string | undefined, options: UseGenerationStreamOptions = {}) {
  const query = useGeneration(id);
  const qc = useQueryClient();
  const [state, dispatch] = useReducer(streamReducer, initial);
  const retryDelayMs = options.retryDelayMs;
  const generation = query.data;
  const snapshotTerminal = generation ? isTerminal(generation.status) : false;

  // A finished generation (or one that finished while we watched) shows its stored state.
  useEffect(() => {
    if (generation && snapshotTerminal) dispatch({ type: 'snapshot', generation });
  }, [generation, snapshotTerminal]);

  const shouldStream = !!id && !!generation && generation.id === id && !snapshotTerminal;

  useEffect(() => {
    if (!shouldStream || !id) return;
    dispatch({ type: 'reset' });
    const sub = subscribeSse(`/api/v1/generations/${encodeURIComponent(id)}/events`, {
      retryDelayMs,
      onEvent: (event) => {
        dispatch({ type: 'event', event });
        if (event.event === 'done' || event.event === 'error') {
          void qc.invalidateQueries({ queryKey: generationKeys.one(id) });
          void qc.invalidateQueries({ queryKey: ['generations', 'history'] });
        }
      },
      onReconnect: (attempt) => dispatch({ type: 'reconnecting', attempt }),
      onError: (error) => dispatch({ type: 'connectionError', error }),
    });
    return () => sub.close();
  }, [shouldStream, id, qc, retryDelayMs]);

  // The stream ended but the stored generation still says running (its final
  // write raced the refetch): look again shortly, so its result shows up.
  const ended = !!state.done || !!state.error;
  const { refetch } = query;
  useEffect(() => {
    if (!ended || !generation || isTerminal(generation.status)) return;
    const t = setTimeout(() => void refetch(), 500);
    return () => clearTimeout(t);
  }, [ended, generation, refetch]);

  return { query, generation, state };
}
