/* SPDX-License-Identifier: BSD-2-Clause */
/* api_cases.h: the single-threaded API cases, shared by host and kernel. */
#ifndef API_CASES_H
#define API_CASES_H

void api_cases(void);

#endif
