/*
 * ssh.c -- the end-to-end case of issue 2 that matters most to roost's
 * users: over a real ssh connection, start a named session running a long
 * job, lose the connection abruptly (the ssh client killed), log in again,
 * `roost -r NAME`, and find the job still running and the shell answering.
 *
 * The test runs its own sshd on 127.0.0.1 (by absolute path, its own
 * config, a throw-away host key and client key made with ssh-keygen in the
 * case directory, StrictModes and PAM off, root login allowed since CI
 * runs as root). It is skipped, with the reason, when sshd is missing.
 * Environment reaches the remote roost only on its command line.
 */
#include <sys/socket.h>
#include <sys/stat.h>

#include <netinet/in.h>

#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

#define SSHD	   "/usr/sbin/sshd"
#define SSH	   "/usr/bin/ssh"
#define SSH_KEYGEN "/usr/bin/ssh-keygen"

static int ssh_port;
static char ssh_user[256];
static char ssh_key[PATH_MAX];

/* Make a key pair at path (path.pub too). 0, or -1. */
static int
ssh_keygen(const char *path)
{
	const char *argv[] = { SSH_KEYGEN, "-q", "-t", "ed25519", "-N", "",
		"-C", "roost-e2e", "-f", path, NULL };
	struct h_result r;
	int code = h_run(&r, argv, NULL, 0);

	if (code != 0)
		h_diag("ssh-keygen -f %s: exit %d: %s", path, code, r.err.data);
	h_result_free(&r);
	return code == 0 ? 0 : -1;
}

/* Is something listening on 127.0.0.1:port? */
static int
ssh_port_open(int port)
{
	struct sockaddr_in sin;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), ok;

	if (fd == -1)
		return 0;
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_port = htons(port);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ok = connect(fd, (struct sockaddr *)&sin, sizeof sin) == 0;
	close(fd);
	return ok;
}

static void
ssh_show_log(const char *path)
{
	char line[512];
	FILE *f = fopen(path, "r");

	if (f == NULL)
		return;
	while (fgets(line, sizeof line, f) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		h_diag("sshd: %s", line);
	}
	fclose(f);
}

/* Start sshd for the current case. 0, or -1 with diagnostics. */
static int
ssh_start_sshd(void)
{
	const char *dir = h_case_dir();
	char *hostkey = h_path(dir, "host_key");
	char *config = h_path(dir, "sshd_config");
	char *log = h_path(dir, "sshd.log");
	char *pub = NULL, *authorized = h_path(dir, "authorized_keys");
	char *text = NULL, *cmd = NULL;
	const char *argv[] = { SSHD, "-f", config, "-E", log, NULL };
	struct passwd *pw = getpwuid(getuid());
	struct h_result r;
	long long end;
	int code, rc = -1;

	snprintf(ssh_key, sizeof ssh_key, "%s/client_key", dir);
	snprintf(ssh_user, sizeof ssh_user, "%s", pw ? pw->pw_name : "root");
	if (ssh_keygen(hostkey) == -1 || ssh_keygen(ssh_key) == -1)
		goto out;
	/* The client's public key is the only authorized one. */
	if (asprintf(&cmd, "cp %s.pub %s", ssh_key, authorized) == -1)
		goto out;
	{
		const char *cp[] = { "/bin/sh", "-c", cmd, NULL };

		if (h_run(&r, cp, NULL, 0) != 0) {
			h_diag("copying the public key: %s", r.err.data);
			h_result_free(&r);
			goto out;
		}
		h_result_free(&r);
	}
	/* sshd's privilege separation directory. */
	if (geteuid() == 0)
		mkdir("/run/sshd", 0755);
	ssh_port = h_free_port();
	if (ssh_port == -1) {
		h_diag("no free port");
		goto out;
	}
	if (asprintf(&text,
		"Port %d\n"
		"ListenAddress 127.0.0.1\n"
		"HostKey %s\n"
		"PidFile %s/sshd.pid\n"
		"AuthorizedKeysFile %s\n"
		"StrictModes no\n"
		"UsePAM no\n"
		"PermitRootLogin yes\n"
		"PubkeyAuthentication yes\n"
		"PasswordAuthentication no\n"
		"KbdInteractiveAuthentication no\n"
		"PrintMotd no\n"
		"PrintLastLog no\n"
		"UseDNS no\n"
		"LogLevel VERBOSE\n",
		ssh_port, hostkey, dir, authorized) == -1)
		goto out;
	if (h_write_file(config, text) == -1) {
		h_diag("writing %s: %s", config, strerror(errno));
		goto out;
	}
	code = h_run(&r, argv, NULL, 0);
	if (code != 0) {
		h_diag("%s -f %s: exit %d: %s%s", SSHD, config, code,
		    r.out.data, r.err.data);
		ssh_show_log(log);
		h_result_free(&r);
		goto out;
	}
	h_result_free(&r);
	for (end = h_now_ms() + H_TIMEOUT_MS; h_now_ms() < end; h_sleep_ms(50))
		if (ssh_port_open(ssh_port))
			break;
	if (!ssh_port_open(ssh_port)) {
		h_diag("sshd never listened on 127.0.0.1:%d", ssh_port);
		ssh_show_log(log);
		goto out;
	}
	rc = 0;
out:
	free(hostkey);
	free(config);
	free(log);
	free(pub);
	free(authorized);
	free(text);
	free(cmd);
	return rc;
}

static void
ssh_stop_sshd(void)
{
	char *pidfile = h_path(h_case_dir(), "sshd.pid");
	char buf[32] = "";
	FILE *f = fopen(pidfile, "r");
	pid_t pid;

	free(pidfile);
	if (f == NULL)
		return;
	if (fgets(buf, sizeof buf, f) != NULL) {
		pid = atoi(buf);
		if (pid > 1) {
			kill(pid, SIGTERM);
			h_wait_pid_gone(pid, 3000);
		}
	}
	fclose(f);
}

/*
 * The remote command line: roost with args, and the variables the remote
 * roost needs (the socket directory, the sanitizers' options) in front,
 * since sshd passes no environment. 0, or -1.
 */
static int
ssh_remote(char *remote, size_t size, const char *roost_args)
{
	static const char *pass[] = { "ASAN_OPTIONS", "UBSAN_OPTIONS",
		"LSAN_OPTIONS", NULL };
	char bin[PATH_MAX];
	size_t n;
	int i;

	if (realpath(h_roost(), bin) == NULL) {
		h_diag("realpath %s: %s", h_roost(), strerror(errno));
		return -1;
	}
	n = snprintf(remote, size, "ROOST_SOCKET_DIR='%s'", h_socket_dir());
	for (i = 0; pass[i] != NULL; i++)
		if (getenv(pass[i]) != NULL && n < size)
			n += snprintf(remote + n, size - n, " %s='%s'", pass[i],
			    getenv(pass[i]));
	if (n < size)
		snprintf(remote + n, size - n,
		    " ROOST_SYSTEMRC= SHELL=/bin/sh PS1='$ ' %s %s", bin,
		    roost_args);
	return 0;
}

/* ssh -tt into the test's sshd running roost with args, in a pty of the
   harness. */
static struct h_term *
ssh_login(const char *roost_args)
{
	char port[16], dest[300], remote[PATH_MAX + 4096];

	if (ssh_remote(remote, sizeof remote, roost_args) == -1)
		return NULL;
	snprintf(port, sizeof port, "%d", ssh_port);
	snprintf(dest, sizeof dest, "%s@127.0.0.1", ssh_user);
	{
		const char *argv[] = { SSH, "-tt", "-F", "/dev/null", "-o",
			"StrictHostKeyChecking=no", "-o",
			"UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
			"-o", "LogLevel=ERROR", "-i", ssh_key, "-p", port, dest,
			remote, NULL };

		return h_spawn(argv, NULL, 24, 80);
	}
}

/* ssh -T (no terminal) running roost with args, as a script does; the
   exit code, or -1 (also when it does not return in time). */
static int
ssh_run(struct h_result *r, const char *roost_args)
{
	char port[16], dest[300], remote[PATH_MAX + 4096];

	memset(r, 0, sizeof *r);
	if (ssh_remote(remote, sizeof remote, roost_args) == -1)
		return -1;
	snprintf(port, sizeof port, "%d", ssh_port);
	snprintf(dest, sizeof dest, "%s@127.0.0.1", ssh_user);
	{
		const char *argv[] = { SSH, "-T", "-F", "/dev/null", "-o",
			"StrictHostKeyChecking=no", "-o",
			"UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
			"-o", "LogLevel=ERROR", "-i", ssh_key, "-p", port, dest,
			remote, NULL };

		return h_run(r, argv, NULL, 0);
	}
}

/* The highest "tick-N" on the screen, or -1. */
static int
ssh_highest_tick(struct h_term *t)
{
	char *s = h_screen_text(t), *p;
	int best = -1;

	for (p = s; (p = strstr(p, "tick-")) != NULL; p += 5) {
		int v = atoi(p + 5);

		if (v > best)
			best = v;
	}
	free(s);
	return best;
}

struct ssh_tick_arg {
	int above;
};

static int
ssh_pred_tick_above(struct h_term *t, void *arg)
{
	struct ssh_tick_arg *a = arg;

	return ssh_highest_tick(t) > a->above;
}

/* Wait for the job's counter to pass n. */
static int
ssh_wait_tick_above(struct h_term *t, int n)
{
	struct ssh_tick_arg a = { n };

	if (h_wait_for(t, ssh_pred_tick_above, &a, 0) == 0)
		return 0;
	h_diag("the job's counter never passed %d (highest seen %d)", n,
	    ssh_highest_tick(t));
	return -1;
}

static int
ssh_wait_detached(void)
{
	long long end = h_now_ms() + H_TIMEOUT_MS;
	struct h_result r;

	for (;;) {
		h_roost_run(&r, "-ls", NULL);
		if (strstr(r.out.data, "job") != NULL &&
		    strstr(r.out.data, "Detached") != NULL) {
			h_result_free(&r);
			return 0;
		}
		if (h_now_ms() >= end) {
			h_diag("roost -ls never showed job Detached: %s%s",
			    r.out.data, r.err.data);
			h_result_free(&r);
			return -1;
		}
		h_result_free(&r);
		h_sleep_ms(100);
	}
}

static int
ssh_case_reattach(void)
{
	struct h_term *t1, *t2;
	int tick, status, rc = H_FAIL;

	H_SKIP_IF(access(SSHD, X_OK) != 0,
	    "%s is not installed (openssh-server; sh contrib/install-deps.sh "
	    "test)",
	    SSHD);
	H_SKIP_IF(access(SSH, X_OK) != 0 || access(SSH_KEYGEN, X_OK) != 0,
	    "ssh or ssh-keygen is not installed (openssh-client)");
	if (ssh_start_sshd() == -1)
		goto out;

	t1 = ssh_login("-S job");
	if (t1 == NULL)
		goto out;
	if (h_type(t1, "echo logged-in-$((6*7))\n") == -1 ||
	    h_wait_text(t1, "logged-in-42", 0) == -1) {
		h_diag("the first login never showed a roost window");
		goto out;
	}
	/* A long job writing to the window (bounded, and gone when its
	   terminal is). */
	if (h_type(t1,
		"( i=0; while [ $i -lt 600 ]; do i=$((i+1)); "
		"echo tick-$i || exit; sleep 0.3; done ) &\n") == -1 ||
	    ssh_wait_tick_above(t1, 2) == -1)
		goto out;

	/* The connection drops: the ssh client dies without a word. */
	tick = ssh_highest_tick(t1);
	h_kill(t1, SIGKILL);
	if (h_wait_exit(t1, 0, &status) == -1)
		goto out;
	if (ssh_wait_detached() == -1)
		goto out;

	t2 = ssh_login("-r job");
	if (t2 == NULL)
		goto out;
	if (h_wait_text(t2, "tick-", 0) == -1) {
		h_diag("the second login did not show the job's window");
		goto out;
	}
	/* The job went on while nobody was attached, and still does. */
	if (ssh_wait_tick_above(t2, tick) == -1)
		goto out;
	tick = ssh_highest_tick(t2);
	if (ssh_wait_tick_above(t2, tick + 1) == -1)
		goto out;
	if (h_type(t2, "echo alive-$((4*5))\n") == -1 ||
	    h_wait_text(t2, "alive-20", 0) == -1) {
		h_diag("the shell did not answer after reattaching");
		goto out;
	}
	rc = H_PASS;
out:
	if (rc != H_PASS) {
		char *log = h_path(h_case_dir(), "sshd.log");

		ssh_show_log(log);
		free(log);
	}
	/* The server goes first (its windows' jobs with it), then sshd. */
	h_kill_server();
	ssh_stop_sshd();
	return rc;
}

static int
ssh_case_detached_start(void)
{
	struct h_result r;
	struct h_term *t;
	int code, rc = H_FAIL;

	H_SKIP_IF(access(SSHD, X_OK) != 0,
	    "%s is not installed (openssh-server; sh contrib/install-deps.sh "
	    "test)",
	    SSHD);
	H_SKIP_IF(access(SSH, X_OK) != 0 || access(SSH_KEYGEN, X_OK) != 0,
	    "ssh or ssh-keygen is not installed (openssh-client)");
	if (ssh_start_sshd() == -1)
		goto out;
	/* `ssh host roost -dmS NAME CMD` must come back: the server keeps
	   none of the connection's descriptors. */
	code = ssh_run(&r,
	    "-dmS remote /bin/sh -c "
	    "'echo made-remotely-$((6*7)); exec /bin/sh'");
	if (code != 0) {
		h_diag("ssh ... roost -dmS: exit %d%s; stdout \"%s\" stderr "
		       "\"%s\"",
		    code, r.timed_out ? " (did not return)" : "", r.out.data,
		    r.err.data);
		h_result_free(&r);
		goto out;
	}
	h_result_free(&r);
	if (h_wait_ls("remote") == -1)
		goto out;
	t = ssh_login("-r remote");
	if (t == NULL || h_wait_text(t, "made-remotely-42", 0) == -1)
		goto out;
	rc = H_PASS;
out:
	h_kill_server();
	ssh_stop_sshd();
	return rc;
}

int
main(void)
{
	h_init();
	h_case("over ssh: start a job, drop the connection, log in again, "
	       "roost -r",
	    ssh_case_reattach);
	h_case("over ssh without a terminal: roost -dmS returns, -r shows it",
	    ssh_case_detached_start);
	return h_done();
}
