/* bench/native/ring_consumer: the C limit of bench/events. Reads the BPF ring buffer whose
 * map fd it inherits with libbpf, as a C tool would (one callback per record, touching the
 * record), until SIGUSR1; then drains what is left and prints
 * "records <n> cpu_seconds <user+system> max_seq <s>".
 *
 *   ring_consumer MAP_FD [WINDOW_US]
 *
 * With WINDOW_US, after a poll that found records it sleeps that long before reading again,
 * as tracekit's batch API does, so that the kernel does not wake it at every record.
 */
#include <bpf/libbpf.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

struct event {
  uint32_t pid;
  uint32_t seq;
  uint64_t ts;
  uint64_t pad[6];
};

static volatile sig_atomic_t stop;
static long records;
static uint32_t max_seq;

static void on_signal(int sig) { (void)sig; stop = 1; }

static int on_record(void *ctx, void *data, size_t size) {
  (void)ctx;
  const struct event *e = data;
  if (size >= sizeof(*e) && e->seq > max_seq) max_seq = e->seq;
  records++;
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: ring_consumer MAP_FD [WINDOW_US]\n");
    return 2;
  }
  long window_us = argc > 2 ? atol(argv[2]) : 0;
  signal(SIGUSR1, on_signal);
  struct ring_buffer *rb = ring_buffer__new(atoi(argv[1]), on_record, NULL, NULL);
  if (!rb) {
    perror("ring_buffer__new");
    return 1;
  }
  printf("ready\n");
  fflush(stdout);
  struct rusage before, after;
  getrusage(RUSAGE_SELF, &before);
  while (!stop) {
    int n = ring_buffer__poll(rb, 100);
    if (n > 0 && window_us > 0) usleep(window_us);
  }
  ring_buffer__consume(rb);
  getrusage(RUSAGE_SELF, &after);
  double cpu = (after.ru_utime.tv_sec - before.ru_utime.tv_sec) + (after.ru_utime.tv_usec - before.ru_utime.tv_usec) / 1e6 +
               (after.ru_stime.tv_sec - before.ru_stime.tv_sec) + (after.ru_stime.tv_usec - before.ru_stime.tv_usec) / 1e6;
  printf("records %ld cpu_seconds %.6f max_seq %u\n", records, cpu, max_seq);
  ring_buffer__free(rb);
  return 0;
}
