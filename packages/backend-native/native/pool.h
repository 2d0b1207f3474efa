// The backend's thread pool: a fixed set of workers (threads - 1; the calling thread is the last one) that
// take numbered tasks from a shared counter. Which thread runs a task never changes what it computes: work
// is split so that every output element is written by one task, and every sum runs in a fixed order inside
// one task, so results are the same bit for bit with any thread count.
#pragma once
#include <functional>

namespace lk {

// Starts (or resizes to) `n` threads in all, n >= 1. Not to be called while a parallel section runs.
void setThreads(int n);
int threadCount();

// Runs task(i) for every i in [0, tasks) across the pool and returns when all are done.
void parallelTasks(long tasks, const std::function<void(long)>& task);

// Splits [0, n) into contiguous ranges of at least `grain` elements, at most one per thread, and runs
// f(begin, end) on each.
void parallelFor(long n, long grain, const std::function<void(long, long)>& f);

}  // namespace lk
