// errno values the emulated kernel returns, with the text FreeBSD's strerror(3) gives for each
// (lib/libc/gen/errlst.c, sys_errlist). Commands print them the way err(3) does: "<prog>: <what>: <text>".

export const ERRNO = {
  EPERM: 'Operation not permitted',
  ENOENT: 'No such file or directory',
  ESRCH: 'No such process',
  ENXIO: 'Device not configured',
  EEXIST: 'File exists',
  EINVAL: 'Invalid argument',
  EBUSY: 'Device busy',
  ENAMETOOLONG: 'File name too long',
  EOPNOTSUPP: 'Operation not supported',
  EADDRNOTAVAIL: "Can't assign requested address",
  ENETUNREACH: 'Network is unreachable',
} as const;

export type Errno = keyof typeof ERRNO;

/** A kernel call that failed: the errno, for the command to word as FreeBSD's tool does. */
export class KernelError extends Error {
  constructor(readonly errno: Errno) {
    super(ERRNO[errno]);
    this.name = 'KernelError';
  }
}

export function fails(errno: Errno): never {
  throw new KernelError(errno);
}
