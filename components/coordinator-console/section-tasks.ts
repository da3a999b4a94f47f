import { initialState, Task, TaskStatus } from '@lit/task';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isAbort } from '../base/api.js';
import { toConsoleError, type ConsoleApiError } from './console-api.js';
import type { TableStatus } from './console-table.js';

/** A page of an admin list. */
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Runs `load` and refuses its answer when the run was cut off meanwhile (a fake or slow fetch that ignores the signal). */
async function settled<T>(load: (signal: AbortSignal) => Promise<T>, signal: AbortSignal): Promise<T> {
  const value = await load(signal);
  signal.throwIfAborted();
  return value;
}

/** A task's failure, unless it was only cut off (a newer run, leaving the section). */
export const failure = (task: Task<readonly unknown[], unknown>): ConsoleApiError | null =>
  task.status === TaskStatus.ERROR && !isAbort(task.error) ? toConsoleError(task.error) : null;

/** A load as the console shows it: a run only cut off (leaving the section) still counts as loading, to start again. */
export const loadState = (task: Task<readonly unknown[], unknown>): TableStatus =>
  task.status === TaskStatus.COMPLETE ? 'ready' : failure(task) ? 'error' : 'loading';

/**
 * One admin list, paged by cursor, on two `@lit/task` tasks: the first page (a new load
 * aborts the one before it, and any page still coming) and the next page, appended. The
 * loading and failed states are the tasks' own.
 */
export class ListController<T> implements ReactiveController {
  items: T[] = [];
  nextCursor: string | null = null;
  /** Whether the first page has ever been asked for. */
  started = false;
  private readonly _host: ReactiveControllerHost;
  private readonly _first: Task<[], Page<T>>;
  private readonly _next: Task<[string], Page<T>>;

  constructor(host: ReactiveControllerHost, fetchPage: (cursor: string | undefined, signal: AbortSignal) => Promise<Page<T>>) {
    this._host = host;
    this._first = new Task(host, {
      autoRun: false,
      task: (_args: [], { signal }) => settled((s) => fetchPage(undefined, s), signal),
      onComplete: (page) => {
        this.items = page.items;
        this.nextCursor = page.nextCursor;
      },
    });
    this._next = new Task(host, {
      autoRun: false,
      task: ([cursor]: [string], { signal }) => settled((s) => fetchPage(cursor, s), signal),
      onComplete: (page) => {
        this.items = [...this.items, ...page.items];
        this.nextCursor = page.nextCursor;
      },
    });
    host.addController(this);
  }

  get status(): TableStatus {
    return loadState(this._first);
  }

  /** Why the first page failed, or else the next one. */
  get error(): ConsoleApiError | null {
    return failure(this._first) ?? (this._first.status === TaskStatus.COMPLETE ? failure(this._next) : null);
  }

  get loadingMore(): boolean {
    return this._next.status === TaskStatus.PENDING;
  }

  hostConnected(): void {
    // Back in the page after a request was cut off: the host's next update starts it again.
    if (!this.started) this._host.requestUpdate();
  }

  hostDisconnected(): void {
    // A request cut off by leaving the section starts again on return.
    if (this._first.status === TaskStatus.PENDING || this._next.status === TaskStatus.PENDING) this.started = false;
    this._first.abort();
    this._next.abort();
  }

  async load(): Promise<void> {
    this.started = true;
    this._next.abort();
    await this._first.run([]);
  }

  async more(): Promise<void> {
    if (!this.nextCursor || this.loadingMore || this._first.status !== TaskStatus.COMPLETE) return;
    await this._next.run([this.nextCursor]);
  }

  /** Puts a changed item in place, or drops it when it no longer belongs in the list. */
  update(key: (item: T) => string, id: string, next: T | null): void {
    this.items = next ? this.items.map((i) => (key(i) === id ? next : i)) : this.items.filter((i) => key(i) !== id);
    this._host.requestUpdate();
  }
}

/**
 * The record open in a section's detail pane, on a `@lit/task` task: fetched by id, an older
 * request aborted when a newer one is made, and `loaded` called with the run's signal once
 * the record is in (for what the pane loads beside it).
 */
export class DetailController<T extends { id: string }> implements ReactiveController {
  /** The record shown: the task's answer, or what a change the API accepted answered with. */
  value: T | null = null;
  private _id: string | null = null;
  /** The signal of the latest run, handed to `loaded` with its record. */
  private _signal = new AbortController().signal;
  private readonly _host: ReactiveControllerHost;
  private readonly _task: Task<[string], T>;

  constructor(
    host: ReactiveControllerHost,
    fetchOne: (id: string, signal: AbortSignal) => Promise<T>,
    loaded: (value: T, signal: AbortSignal) => void = () => {},
  ) {
    this._host = host;
    this._task = new Task(host, {
      autoRun: false,
      task: ([id]: [string], { signal }) => {
        this._signal = signal;
        return settled((s) => fetchOne(id, s), signal);
      },
      onComplete: (value) => {
        this.value = value;
        loaded(value, this._signal);
      },
    });
    host.addController(this);
  }

  /** Why the record could not be loaded; null while it loads, once it is in, or when it was only cut off. */
  get error(): ConsoleApiError | null {
    return this._id === null ? null : failure(this._task);
  }

  hostDisconnected(): void {
    this.abort();
  }

  /** Cuts off a load still on its way (the pane closed); a record already shown stays, any other is asked for again next time. */
  abort(): void {
    this._task.abort();
    if (!this.value) this._id = null;
  }

  /** Whether the record `id` is shown (rather than loading or failed). */
  shows(id: string): this is { value: T } {
    return this.value?.id === id;
  }

  /** Loads `id` unless it is already open (or loading); `again` loads it anyway. */
  async open(id: string, again = false): Promise<void> {
    if (id === this._id && !again && !this.error) return;
    this._id = id;
    this.value = null;
    await this._task.run([id]);
  }

  /** The record after a change the API answered with. */
  set(value: T): void {
    this.value = value;
    this._id = value.id;
    this._host.requestUpdate();
  }

  clear(): void {
    this._task.abort();
    this._id = null;
    this.value = null;
    this._host.requestUpdate();
  }
}

/**
 * A lookup a section's forms pick from (the schools, the vetted employers), on a `@lit/task`
 * task that runs when `args` change (the API client, a role): `load` answers
 * `initialState` when there is nothing to look up. Empty until it has answered.
 */
export function lookup<A extends readonly unknown[], T>(
  host: ReactiveControllerHost,
  args: () => A,
  load: (args: A, signal: AbortSignal) => Promise<T[]> | typeof initialState,
): Task<A, T[]> {
  return new Task<A, T[]>(host, { args, task: (a, { signal }) => load(a, signal) });
}

export { initialState };
