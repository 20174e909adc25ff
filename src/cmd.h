/*
 * cmd.h -- what the command files share: the context a command runs in,
 * the table entry shape, and small helpers. Commands act on the model
 * (sessions, windows, layouts, options); they never touch ttys, sockets
 * or raw fds.
 */
#ifndef ROOST_CMD_H
#define ROOST_CMD_H

#include "roost.h"

/* What a command runs with. */
struct cmd_ctx {
	struct client *client;	 /* the display, or NULL (-X, rc file) */
	struct session *session; /* NULL once the command ended it */
	struct window *window;	 /* the window it acts on, may be NULL */
	char *result;		 /* allocated: output or error text */
	int interactive;	 /* typed at a display: may prompt */
	int query;		 /* -Q: results go to the asker only */
	int from_key;		 /* run by a key binding: kill/quit ask */
	struct cmd_rc *rc;	 /* the rc load running it, or NULL */
};

/* One command (DESIGN.md decision 5). */
struct cmd_entry {
	const char *name;
	int min_args, max_args; /* -1: no maximum */
	const char *usage;	/* arguments, as the man page shows them */
	const char *help;	/* one line */
	int (*exec)(struct cmd_ctx *, int, char **);
};

struct cmd_rc;

int cmd_run(struct cmd_ctx *, int, char **);
int cmd_exists(const char *);
int cmd_error(struct cmd_ctx *, const char *, ...)
    __attribute__((format(printf, 2, 3)));
void cmd_result(struct cmd_ctx *, const char *, ...)
    __attribute__((format(printf, 2, 3)));
void cmd_message(struct cmd_ctx *, const char *, ...)
    __attribute__((format(printf, 2, 3)));
void cmd_show(struct cmd_ctx *, struct window *);
struct client *cmd_display(struct cmd_ctx *);
int cmd_onoff(const char *, int *);
int cmd_number(struct cmd_ctx *, const char *, const char *, long long,
    long long, unsigned *);
struct window *cmd_find_window(struct session *, const char *);

/*
 * The handlers, one per table entry (cmd-window.c, cmd-region.c,
 * cmd-display.c, cmd-session.c, ...): cmd_NAME_exec runs command NAME
 * with its argc arguments argv (the name itself not included; counts were
 * checked against the table). Returns 0, or -1 with ctx->result the
 * error. Behaviour: screen(1) for the command of that name, differences
 * in roost(1).
 */
int cmd_screen_exec(struct cmd_ctx *, int, char **);
int cmd_select_exec(struct cmd_ctx *, int, char **);
int cmd_next_exec(struct cmd_ctx *, int, char **);
int cmd_prev_exec(struct cmd_ctx *, int, char **);
int cmd_other_exec(struct cmd_ctx *, int, char **);
int cmd_kill_exec(struct cmd_ctx *, int, char **);
int cmd_title_exec(struct cmd_ctx *, int, char **);
int cmd_number_exec(struct cmd_ctx *, int, char **);
int cmd_stuff_exec(struct cmd_ctx *, int, char **);
int cmd_windows_exec(struct cmd_ctx *, int, char **);
int cmd_windowlist_exec(struct cmd_ctx *, int, char **);
int cmd_info_exec(struct cmd_ctx *, int, char **);
int cmd_monitor_exec(struct cmd_ctx *, int, char **);
int cmd_silence_exec(struct cmd_ctx *, int, char **);
int cmd_silencewait_exec(struct cmd_ctx *, int, char **);
int cmd_fit_exec(struct cmd_ctx *, int, char **);
int cmd_split_exec(struct cmd_ctx *, int, char **);
int cmd_focus_exec(struct cmd_ctx *, int, char **);
int cmd_remove_exec(struct cmd_ctx *, int, char **);
int cmd_only_exec(struct cmd_ctx *, int, char **);
int cmd_resize_exec(struct cmd_ctx *, int, char **);
int cmd_detach_exec(struct cmd_ctx *, int, char **);
int cmd_quit_exec(struct cmd_ctx *, int, char **);
int cmd_caption_exec(struct cmd_ctx *, int, char **);
int cmd_hardstatus_exec(struct cmd_ctx *, int, char **);
int cmd_msgwait_exec(struct cmd_ctx *, int, char **);
int cmd_vbell_exec(struct cmd_ctx *, int, char **);
int cmd_help_exec(struct cmd_ctx *, int, char **);
int cmd_colon_exec(struct cmd_ctx *, int, char **);
int cmd_redisplay_exec(struct cmd_ctx *, int, char **);
int cmd_echo_exec(struct cmd_ctx *, int, char **);
int cmd_version_exec(struct cmd_ctx *, int, char **);
int cmd_bind_exec(struct cmd_ctx *, int, char **);
int cmd_escape_exec(struct cmd_ctx *, int, char **);
int cmd_lastmsg_exec(struct cmd_ctx *, int, char **);
int cmd_lockscreen_exec(struct cmd_ctx *, int, char **);
int cmd_idle_exec(struct cmd_ctx *, int, char **);
int cmd_source_exec(struct cmd_ctx *, int, char **);
int cmd_chdir_exec(struct cmd_ctx *, int, char **);
int cmd_setenv_exec(struct cmd_ctx *, int, char **);
int cmd_unsetenv_exec(struct cmd_ctx *, int, char **);
int cmd_shell_exec(struct cmd_ctx *, int, char **);
int cmd_shelltitle_exec(struct cmd_ctx *, int, char **);
int cmd_term_exec(struct cmd_ctx *, int, char **);
int cmd_defscrollback_exec(struct cmd_ctx *, int, char **);
int cmd_scrollback_exec(struct cmd_ctx *, int, char **);
int cmd_startup_message_exec(struct cmd_ctx *, int, char **);
int cmd_msgminwait_exec(struct cmd_ctx *, int, char **);
int cmd_bell_msg_exec(struct cmd_ctx *, int, char **);
int cmd_activity_exec(struct cmd_ctx *, int, char **);
int cmd_vbell_msg_exec(struct cmd_ctx *, int, char **);
int cmd_pow_detach_msg_exec(struct cmd_ctx *, int, char **);
int cmd_defmonitor_exec(struct cmd_ctx *, int, char **);
int cmd_defsilence_exec(struct cmd_ctx *, int, char **);
int cmd_autodetach_exec(struct cmd_ctx *, int, char **);
int cmd_deflogin_exec(struct cmd_ctx *, int, char **);
int cmd_login_exec(struct cmd_ctx *, int, char **);
int cmd_altscreen_exec(struct cmd_ctx *, int, char **);
int cmd_defutf8_exec(struct cmd_ctx *, int, char **);
int cmd_encoding_exec(struct cmd_ctx *, int, char **);
int cmd_defencoding_exec(struct cmd_ctx *, int, char **);
int cmd_utf8_exec(struct cmd_ctx *, int, char **);
int cmd_sessionname_exec(struct cmd_ctx *, int, char **);
int cmd_clear_exec(struct cmd_ctx *, int, char **);
int cmd_reset_exec(struct cmd_ctx *, int, char **);
int cmd_sleep_exec(struct cmd_ctx *, int, char **);
int cmd_wall_exec(struct cmd_ctx *, int, char **);
int cmd_meta_exec(struct cmd_ctx *, int, char **);
int cmd_defescape_exec(struct cmd_ctx *, int, char **);
int cmd_pow_detach_exec(struct cmd_ctx *, int, char **);
int cmd_command_exec(struct cmd_ctx *, int, char **);
int cmd_unbindall_exec(struct cmd_ctx *, int, char **);
int cmd_time_exec(struct cmd_ctx *, int, char **);
int cmd_at_exec(struct cmd_ctx *, int, char **);
int cmd_bindkey_exec(struct cmd_ctx *, int, char **);
int cmd_layout_exec(struct cmd_ctx *, int, char **);

/* Copy mode, buffers, logging (mode-copy.c, paste.c, log-window.c,
   hardcopy.c). */
int cmd_copy_exec(struct cmd_ctx *, int, char **);
int cmd_paste_exec(struct cmd_ctx *, int, char **);
int cmd_register_exec(struct cmd_ctx *, int, char **);
int cmd_readreg_exec(struct cmd_ctx *, int, char **);
int cmd_readbuf_exec(struct cmd_ctx *, int, char **);
int cmd_writebuf_exec(struct cmd_ctx *, int, char **);
int cmd_removebuf_exec(struct cmd_ctx *, int, char **);
int cmd_bufferfile_exec(struct cmd_ctx *, int, char **);
int cmd_osc52_exec(struct cmd_ctx *, int, char **);
int cmd_mousescroll_exec(struct cmd_ctx *, int, char **);
int cmd_log_exec(struct cmd_ctx *, int, char **);
int cmd_logfile_exec(struct cmd_ctx *, int, char **);
int cmd_logflush_exec(struct cmd_ctx *, int, char **);
int cmd_logtstamp_exec(struct cmd_ctx *, int, char **);
int cmd_lograw_exec(struct cmd_ctx *, int, char **);
int cmd_deflog_exec(struct cmd_ctx *, int, char **);
int cmd_hardcopy_exec(struct cmd_ctx *, int, char **);
int cmd_hardcopy_append_exec(struct cmd_ctx *, int, char **);
int cmd_zombie_exec(struct cmd_ctx *, int, char **);
int cmd_splitwindow_exec(struct cmd_ctx *, int, char **);

/* Diagnostics (cmd-dump.c). */
int cmd_dumpscreen_exec(struct cmd_ctx *, int, char **);

#endif
