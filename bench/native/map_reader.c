/* bench/native/map_reader: the C reference of bench/maps. Reads every entry of the hash map
 * whose fd it inherits with BPF_MAP_LOOKUP_BATCH (libbpf's bpf_map_lookup_batch), CHUNK
 * entries per call, RUNS times, and prints "entries <n> seconds <s>" for each run.
 *
 *   map_reader MAP_FD KEY_SIZE VALUE_SIZE MAX_ENTRIES CHUNK RUNS
 */
#include <bpf/bpf.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  if (argc < 7) {
    fprintf(stderr, "usage: map_reader MAP_FD KEY_SIZE VALUE_SIZE MAX_ENTRIES CHUNK RUNS\n");
    return 2;
  }
  int fd = atoi(argv[1]);
  size_t key_size = atol(argv[2]), value_size = atol(argv[3]), max_entries = atol(argv[4]);
  uint32_t chunk = atol(argv[5]);
  int runs = atoi(argv[6]);
  char *keys = malloc(key_size * max_entries), *values = malloc(value_size * max_entries);
  uint64_t in_token = 0, out_token = 0;
  if (!keys || !values) return 1;
  for (int r = 0; r < runs; r++) {
    double start = now();
    size_t total = 0;
    int first = 1;
    for (;;) {
      uint32_t n = chunk;
      if (total + n > max_entries) n = max_entries - total;
      LIBBPF_OPTS(bpf_map_batch_opts, opts);
      int rc = bpf_map_lookup_batch(fd, first ? NULL : &in_token, &out_token, keys + total * key_size,
                                    values + total * value_size, &n, &opts);
      total += n;
      if (rc != 0) {
        if (errno == ENOENT) break;
        perror("bpf_map_lookup_batch");
        return 1;
      }
      in_token = out_token;
      first = 0;
    }
    printf("entries %zu seconds %.6f\n", total, now() - start);
    fflush(stdout);
  }
  return 0;
}
