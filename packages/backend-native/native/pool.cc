#include "pool.h"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

#if defined(__x86_64__)
#include <immintrin.h>
#define LK_PAUSE() _mm_pause()
#else
#define LK_PAUSE() std::this_thread::yield()
#endif

namespace lk {
namespace {

// One atomic word holds the job's generation (high 32 bits) and the next task index (low 32 bits), so a
// worker that wakes late can never take a task of a later job with the task count of an earlier one: its
// compare-and-swap fails as soon as the generation moves on. A job's function and size live in one of two
// slots by generation parity; a slot is rewritten only after every task of the job two before has finished.
struct Slot {
  const std::function<void(long)>* task = nullptr;
  long total = 0;
};

std::atomic<uint64_t> g_counter{0};
Slot g_slots[2];
std::atomic<long> g_completed{0};
// Never destroyed: at process exit the workers are still parked on the condition variable, and neither a
// joinable std::thread nor a condition variable with waiters may be destroyed under them.
std::mutex& g_mutex = *new std::mutex;
std::condition_variable& g_wake = *new std::condition_variable;
bool g_stop = false;
std::vector<std::thread>& g_workers = *new std::vector<std::thread>;

uint32_t genOf(uint64_t v) { return (uint32_t)(v >> 32); }

// Takes and runs tasks of generation `gen` until none is left. Returns the number run.
void work(uint32_t gen) {
  uint64_t v = g_counter.load(std::memory_order_acquire);
  for (;;) {
    if (genOf(v) != gen) return;
    const Slot& s = g_slots[gen & 1];
    long total = s.total;
    const std::function<void(long)>* task = s.task;
    uint32_t i = (uint32_t)v;
    if ((long)i >= total) return;
    if (!g_counter.compare_exchange_weak(v, v + 1, std::memory_order_acq_rel, std::memory_order_acquire)) continue;
    (*task)((long)i);
    g_completed.fetch_add(1, std::memory_order_release);
    v = g_counter.load(std::memory_order_acquire);
  }
}

void workerLoop() {
  uint32_t seen = genOf(g_counter.load(std::memory_order_acquire));
  for (;;) {
    // A short spin catches the next op of a training step without a sleep and wake-up; then sleep.
    uint32_t gen = seen;
    for (int s = 0; s < 4000 && gen == seen; ++s) {
      LK_PAUSE();
      gen = genOf(g_counter.load(std::memory_order_acquire));
    }
    if (gen == seen) {
      std::unique_lock<std::mutex> lock(g_mutex);
      g_wake.wait(lock, [&] { return g_stop || genOf(g_counter.load(std::memory_order_acquire)) != seen; });
      if (g_stop) return;
      gen = genOf(g_counter.load(std::memory_order_acquire));
    }
    seen = gen;
    work(gen);
  }
}

void stopWorkers() {
  {
    std::lock_guard<std::mutex> lock(g_mutex);
    g_stop = true;
  }
  g_wake.notify_all();
  for (auto& t : g_workers) t.join();
  g_workers.clear();
  g_stop = false;
}

}  // namespace

void setThreads(int n) {
  if (n < 1) n = 1;
  if ((int)g_workers.size() == n - 1) return;
  stopWorkers();
  for (int i = 0; i < n - 1; ++i) g_workers.emplace_back(workerLoop);
}

int threadCount() { return (int)g_workers.size() + 1; }

void parallelTasks(long tasks, const std::function<void(long)>& task) {
  if (tasks <= 0) return;
  if (tasks == 1 || g_workers.empty()) {
    for (long i = 0; i < tasks; ++i) task(i);
    return;
  }
  uint32_t gen = genOf(g_counter.load(std::memory_order_relaxed)) + 1;
  g_slots[gen & 1] = Slot{&task, tasks};
  g_completed.store(0, std::memory_order_relaxed);
  {
    std::lock_guard<std::mutex> lock(g_mutex);
    g_counter.store((uint64_t)gen << 32, std::memory_order_release);
  }
  g_wake.notify_all();
  work(gen);
  for (int spins = 0; g_completed.load(std::memory_order_acquire) < tasks; ++spins) {
    if (spins < 20000) LK_PAUSE();
    else std::this_thread::yield();
  }
}

void parallelFor(long n, long grain, const std::function<void(long, long)>& f) {
  if (n <= 0) return;
  if (grain < 1) grain = 1;
  long parts = n / grain;
  long threads = threadCount();
  if (parts > threads) parts = threads;
  if (parts <= 1) {
    f(0, n);
    return;
  }
  parallelTasks(parts, [&](long p) { f(n * p / parts, n * (p + 1) / parts); });
}

}  // namespace lk
