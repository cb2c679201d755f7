#ifndef AUTOML_COPENBLAS_SHIM_H
#define AUTOML_COPENBLAS_SHIM_H
#include <cblas.h>
#include <lapacke.h>

// OpenBLAS's own call for ending its worker threads (what it runs before a fork); the next
// threaded BLAS call starts them again. Threaded builds export it; weak, so that a build without
// it still links, and the wrapper then returns -1.
extern int blas_thread_shutdown_(void) __attribute__((weak));
static inline int automl_blas_thread_shutdown(void) {
    return blas_thread_shutdown_ ? blas_thread_shutdown_() : -1;
}
#endif
