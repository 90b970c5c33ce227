"""The kernels that run student code: the sandbox (an allow-list), its limits and kernelspec,
warm kernels forked by a zygote, and the kernel manager grading workers use."""
