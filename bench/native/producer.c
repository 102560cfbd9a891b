/* bench/native/producer: the event source of bench/events. Prints "ready", waits for a line
 * on stdin, then calls getppid(2) COUNT times (each call makes the benchmark's BPF program
 * submit one 64-byte event), at RATE calls per second or as fast as it can (RATE 0), and
 * prints "done <seconds>".
 *
 *   producer COUNT [RATE]
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: producer COUNT [RATE]\n");
    return 2;
  }
  long count = atol(argv[1]);
  double rate = argc > 2 ? atof(argv[2]) : 0;
  printf("ready\n");
  fflush(stdout);
  char line[16];
  if (!fgets(line, sizeof line, stdin)) return 1;
  double start = now();
  for (long i = 0; i < count; i++) {
    if (rate > 0 && (i & 63) == 0) {
      double due = start + i / rate;
      while (now() < due) {
      }
    }
    syscall(SYS_getppid);
  }
  printf("done %.6f\n", now() - start);
  fflush(stdout);
  return 0;
}
