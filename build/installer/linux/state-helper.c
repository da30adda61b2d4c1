/*
 * fbr-state-helper: the only way the unprivileged wizard reads or replaces the machine's
 * first-boot state. Installed root:first-boot-registration mode 2755 by after-install.sh; the
 * state folder is root:first-boot-registration 2770, so no user reaches it but through this.
 *
 *   fbr-state-helper read    prints launch-state.json (exit 3 when there is none)
 *   fbr-state-helper write   replaces it atomically with stdin (a JSON object, at most 4096 bytes)
 *
 * It takes no path and reads no environment: the folder is fixed at build time (STATE_DIR), it
 * opens nothing through a symbolic link, and it writes nothing but one small text file there.
 * What the record means is checked by the app (zod) when it reads it back.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef STATE_DIR
#define STATE_DIR "/var/lib/first-boot-registration/state"
#endif
#define STATE_NAME "launch-state.json"
#define MAX_BYTES 4096

enum { OK = 0, FAILED = 1, MISSING = 3, USAGE = 64, BAD_INPUT = 65 };

static int write_all(int fd, const char *data, size_t length) {
  while (length > 0) {
    ssize_t n = write(fd, data, length);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return -1;
    data += n;
    length -= (size_t)n;
  }
  return 0;
}

static int read_state(int dir) {
  char buffer[MAX_BYTES];
  int fd = openat(dir, STATE_NAME, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return errno == ENOENT ? MISSING : FAILED;
  struct stat info;
  if (fstat(fd, &info) != 0 || !S_ISREG(info.st_mode) || info.st_size > MAX_BYTES) return FAILED;
  ssize_t n = read(fd, buffer, sizeof buffer);
  close(fd);
  if (n < 0) return FAILED;
  return write_all(STDOUT_FILENO, buffer, (size_t)n) == 0 ? OK : FAILED;
}

/* A JSON object of printable text: no NUL or control bytes but newline, tab, carriage return. */
static int plausible(const unsigned char *text, size_t length) {
  size_t start = 0;
  while (start < length && (text[start] == ' ' || text[start] == '\n')) start++;
  if (start == length || text[start] != '{') return 0;
  for (size_t i = 0; i < length; i++) {
    if (text[i] < 0x20 && text[i] != '\n' && text[i] != '\t' && text[i] != '\r') return 0;
    if (text[i] == 0x7f) return 0;
  }
  return 1;
}

static int write_state(int dir) {
  unsigned char buffer[MAX_BYTES + 1];
  size_t length = 0;
  for (;;) {
    ssize_t n = read(STDIN_FILENO, buffer + length, sizeof buffer - length);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return FAILED;
    if (n == 0) break;
    length += (size_t)n;
    if (length > MAX_BYTES) return BAD_INPUT;
  }
  if (!plausible(buffer, length)) return BAD_INPUT;
  char temp[64];
  snprintf(temp, sizeof temp, "." STATE_NAME ".%ld.tmp", (long)getpid());
  int fd = openat(dir, temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0660);
  if (fd < 0) return FAILED;
  int failed = write_all(fd, (const char *)buffer, length) != 0 || fsync(fd) != 0;
  failed = close(fd) != 0 || failed;
  if (failed || renameat(dir, temp, dir, STATE_NAME) != 0) {
    unlinkat(dir, temp, 0);
    return FAILED;
  }
  fsync(dir);
  return OK;
}

int main(int argc, char **argv) {
  umask(007);
  if (argc != 2 || (strcmp(argv[1], "read") != 0 && strcmp(argv[1], "write") != 0)) {
    fputs("usage: fbr-state-helper read|write\n", stderr);
    return USAGE;
  }
  int dir = open(STATE_DIR, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (dir < 0) return FAILED;
  int code = strcmp(argv[1], "read") == 0 ? read_state(dir) : write_state(dir);
  close(dir);
  return code;
}
