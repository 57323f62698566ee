package dev.berth.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * Docker's default seccomp profile, written out here from its list of system calls: everything a
 * normal program needs is allowed, anything else fails with EPERM. Calls that let a process reach
 * beyond its container (mount, namespaces, kernel modules, clock, tracing, ...) are allowed only
 * when the container holds the capability that guards them anyway, so the filter never takes away
 * what a capability grants; {@code clone} may not make new namespaces without CAP_SYS_ADMIN, and
 * {@code clone3}, whose flags a filter cannot read, reports ENOSYS so that C libraries fall back to
 * {@code clone}.
 */
public final class DefaultSeccompProfile {

  private static final int EPERM = 1;
  private static final int ENOSYS = 38;
  private static final long AF_VSOCK = 40;
  /** CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWCGROUP. */
  private static final long CLONE_NAMESPACE_FLAGS = 0x7E020000L;

  /** The calls every container may make, whatever its capabilities. */
  private static final String ALLOWED = """
      accept accept4 access adjtimex alarm bind brk capget capset chdir chmod chown chown32 clock_adjtime
      clock_adjtime64 clock_getres clock_getres_time64 clock_gettime clock_gettime64 clock_nanosleep
      clock_nanosleep_time64 close close_range connect copy_file_range creat dup dup2 dup3 epoll_create
      epoll_create1 epoll_ctl epoll_ctl_old epoll_pwait epoll_pwait2 epoll_wait epoll_wait_old eventfd eventfd2
      execve execveat exit exit_group faccessat faccessat2 fadvise64 fadvise64_64 fallocate fanotify_mark fchdir
      fchmod fchmodat fchown fchown32 fchownat fcntl fcntl64 fdatasync fgetxattr flistxattr flock fork
      fremovexattr fsetxattr fstat fstat64 fstatat64 fstatfs fstatfs64 fsync ftruncate ftruncate64 futex
      futex_time64 futex_waitv futimesat getcpu getcwd getdents getdents64 getegid getegid32 geteuid geteuid32
      getgid getgid32 getgroups getgroups32 getitimer getpeername getpgid getpgrp getpid getppid getpriority
      getrandom getresgid getresgid32 getresuid getresuid32 getrlimit get_robust_list getrusage getsid
      getsockname getsockopt get_thread_area gettid gettimeofday getuid getuid32 getxattr inotify_add_watch
      inotify_init inotify_init1 inotify_rm_watch io_cancel ioctl io_destroy io_getevents io_pgetevents
      io_pgetevents_time64 ioprio_get ioprio_set io_setup io_submit io_uring_enter io_uring_register
      io_uring_setup ipc kill landlock_add_rule landlock_create_ruleset landlock_restrict_self lchown lchown32
      lgetxattr link linkat listen listxattr llistxattr _llseek lremovexattr lseek lsetxattr lstat lstat64
      madvise membarrier memfd_create memfd_secret mincore mkdir mkdirat mknod mknodat mlock mlock2 mlockall
      mmap mmap2 mprotect mq_getsetattr mq_notify mq_open mq_timedreceive mq_timedreceive_time64 mq_timedsend
      mq_timedsend_time64 mq_unlink mremap msgctl msgget msgrcv msgsnd msync munlock munlockall munmap
      name_to_handle_at nanosleep newfstatat _newselect open openat openat2 pause pidfd_open pidfd_send_signal
      pipe pipe2 pkey_alloc pkey_free pkey_mprotect poll ppoll ppoll_time64 prctl pread64 preadv preadv2
      prlimit64 process_mrelease pselect6 pselect6_time64 pwrite64 pwritev pwritev2 read readahead readlink
      readlinkat readv recv recvfrom recvmmsg recvmmsg_time64 recvmsg remap_file_pages removexattr rename
      renameat renameat2 restart_syscall rmdir rseq rt_sigaction rt_sigpending rt_sigprocmask rt_sigqueueinfo
      rt_sigreturn rt_sigsuspend rt_sigtimedwait rt_sigtimedwait_time64 rt_tgsigqueueinfo sched_getaffinity
      sched_getattr sched_getparam sched_get_priority_max sched_get_priority_min sched_getscheduler
      sched_rr_get_interval sched_rr_get_interval_time64 sched_setaffinity sched_setattr sched_setparam
      sched_setscheduler sched_yield seccomp select semctl semget semop semtimedop semtimedop_time64 send
      sendfile sendfile64 sendmmsg sendmsg sendto setfsgid setfsgid32 setfsuid setfsuid32 setgid setgid32
      setgroups setgroups32 setitimer setpgid setpriority setregid setregid32 setresgid setresgid32 setresuid
      setresuid32 setreuid setreuid32 setrlimit set_robust_list setsid setsockopt set_thread_area
      set_tid_address setuid setuid32 setxattr shmat shmctl shmdt shmget shutdown sigaltstack signalfd signalfd4
      sigprocmask sigreturn socketcall socketpair splice stat stat64 statfs statfs64 statx symlink symlinkat
      sync sync_file_range syncfs sysinfo tee tgkill time timer_create timer_delete timer_getoverrun
      timer_gettime timer_gettime64 timer_settime timer_settime64 timerfd_create timerfd_gettime
      timerfd_gettime64 timerfd_settime timerfd_settime64 times tkill truncate truncate64 ugetrlimit umask uname
      unlink unlinkat utime utimensat utimensat_time64 utimes vfork vmsplice wait4 waitid waitpid write writev
      """;

  private static final SeccompProfile PROFILE = build();

  private DefaultSeccompProfile() {}

  public static SeccompProfile get() {
    return PROFILE;
  }

  private static SeccompProfile build() {
    List<SeccompProfile.Syscall> rules = new ArrayList<>();
    rules.add(allow(names(ALLOWED)));
    // Reading another process's memory was a way out of a container before kernel 4.8 closed it.
    rules.add(allowWhere(List.of("process_vm_readv", "process_vm_writev", "ptrace"),
        new SeccompProfile.Filter(null, null, "4.8")));
    rules.add(allowIfArg(List.of("socket"), new SeccompProfile.Arg(0, AF_VSOCK, 0, "SCMP_CMP_NE")));
    // personality() only for the execution domains programs actually ask for.
    for (long persona : new long[] {0x0, 0x0008, 0x20000, 0x20008, 0xffffffffL}) {
      rules.add(allowIfArg(List.of("personality"), new SeccompProfile.Arg(0, persona, 0, "SCMP_CMP_EQ")));
    }
    rules.add(onArch(List.of("sync_file_range2", "swapcontext"), "ppc64le"));
    rules.add(onArch(List.of("arm_fadvise64_64", "arm_sync_file_range", "sync_file_range2", "breakpoint",
        "cacheflush", "set_tls"), "arm", "arm64"));
    rules.add(onArch(List.of("arch_prctl"), "amd64", "x32"));
    rules.add(onArch(List.of("modify_ldt"), "amd64", "x32", "x86"));
    rules.add(onArch(List.of("s390_pci_mmio_read", "s390_pci_mmio_write", "s390_runtime_instr"), "s390", "s390x"));
    rules.add(onArch(List.of("riscv_flush_icache"), "riscv64"));
    rules.add(withCap(List.of("open_by_handle_at"), "CAP_DAC_READ_SEARCH"));
    rules.add(withCap(List.of("bpf", "clone", "clone3", "fanotify_init", "fsconfig", "fsmount", "fsopen", "fspick",
        "lookup_dcookie", "mount", "mount_setattr", "move_mount", "open_tree", "perf_event_open", "quotactl",
        "quotactl_fd", "setdomainname", "sethostname", "setns", "syslog", "umount", "umount2", "unshare"),
        "CAP_SYS_ADMIN"));
    SeccompProfile.Filter withoutSysAdmin = new SeccompProfile.Filter(null, List.of("CAP_SYS_ADMIN"), null);
    // clone's flags are its first argument, except on s390 where they are the second.
    rules.add(new SeccompProfile.Syscall(null, List.of("clone"), "SCMP_ACT_ALLOW", null,
        List.of(new SeccompProfile.Arg(0, CLONE_NAMESPACE_FLAGS, 0, "SCMP_CMP_MASKED_EQ")), null,
        new SeccompProfile.Filter(List.of("s390", "s390x"), List.of("CAP_SYS_ADMIN"), null)));
    rules.add(new SeccompProfile.Syscall(null, List.of("clone"), "SCMP_ACT_ALLOW", null,
        List.of(new SeccompProfile.Arg(1, CLONE_NAMESPACE_FLAGS, 0, "SCMP_CMP_MASKED_EQ")),
        new SeccompProfile.Filter(List.of("s390", "s390x"), null, null), withoutSysAdmin));
    rules.add(new SeccompProfile.Syscall(null, List.of("clone3"), "SCMP_ACT_ERRNO", ENOSYS, null, null,
        withoutSysAdmin));
    rules.add(withCap(List.of("reboot"), "CAP_SYS_BOOT"));
    rules.add(withCap(List.of("chroot"), "CAP_SYS_CHROOT"));
    rules.add(withCap(List.of("delete_module", "init_module", "finit_module"), "CAP_SYS_MODULE"));
    rules.add(withCap(List.of("acct"), "CAP_SYS_PACCT"));
    rules.add(withCap(List.of("kcmp", "pidfd_getfd", "process_madvise", "process_vm_readv", "process_vm_writev",
        "ptrace"), "CAP_SYS_PTRACE"));
    rules.add(withCap(List.of("iopl", "ioperm"), "CAP_SYS_RAWIO"));
    rules.add(withCap(List.of("settimeofday", "stime", "clock_settime", "clock_settime64"), "CAP_SYS_TIME"));
    rules.add(withCap(List.of("vhangup"), "CAP_SYS_TTY_CONFIG"));
    rules.add(withCap(List.of("get_mempolicy", "mbind", "set_mempolicy", "set_mempolicy_home_node"),
        "CAP_SYS_NICE"));
    rules.add(withCap(List.of("syslog"), "CAP_SYSLOG"));
    rules.add(withCap(List.of("bpf"), "CAP_BPF"));
    rules.add(withCap(List.of("perf_event_open"), "CAP_PERFMON"));
    List<SeccompProfile.ArchMap> archMap = List.of(
        new SeccompProfile.ArchMap("SCMP_ARCH_X86_64", List.of("SCMP_ARCH_X86", "SCMP_ARCH_X32")),
        new SeccompProfile.ArchMap("SCMP_ARCH_AARCH64", List.of("SCMP_ARCH_ARM")),
        new SeccompProfile.ArchMap("SCMP_ARCH_PPC64LE", List.of()),
        new SeccompProfile.ArchMap("SCMP_ARCH_S390X", List.of("SCMP_ARCH_S390")),
        new SeccompProfile.ArchMap("SCMP_ARCH_RISCV64", List.of()));
    return new SeccompProfile("SCMP_ACT_ERRNO", EPERM, null, archMap, List.copyOf(rules), null);
  }

  private static List<String> names(String text) {
    return List.of(text.strip().split("\\s+"));
  }

  private static SeccompProfile.Syscall allow(List<String> names) {
    return new SeccompProfile.Syscall(null, names, "SCMP_ACT_ALLOW", null, null, null, null);
  }

  private static SeccompProfile.Syscall allowWhere(List<String> names, SeccompProfile.Filter includes) {
    return new SeccompProfile.Syscall(null, names, "SCMP_ACT_ALLOW", null, null, includes, null);
  }

  private static SeccompProfile.Syscall allowIfArg(List<String> names, SeccompProfile.Arg arg) {
    return new SeccompProfile.Syscall(null, names, "SCMP_ACT_ALLOW", null, List.of(arg), null, null);
  }

  private static SeccompProfile.Syscall onArch(List<String> names, String... arches) {
    return allowWhere(names, new SeccompProfile.Filter(List.of(arches), null, null));
  }

  private static SeccompProfile.Syscall withCap(List<String> names, String capability) {
    return allowWhere(names, new SeccompProfile.Filter(null, List.of(capability), null));
  }
}
