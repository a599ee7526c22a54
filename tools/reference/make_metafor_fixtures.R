# Reference values from R's metafor for the shared-tau2 subgroup model of glabella-core.
#
# Run from the repository root:
#
#     apt-get install r-cran-metafor
#     Rscript tools/reference/make_metafor_fixtures.R
#
# It writes core/tests/fixtures/shared_tau2.json. The Rust tests read that file and need neither R
# nor a network. Every case is deterministic (fixed seed), so rerunning gives the same file.
#
# The model: log ROR ~ 0 + group, with one between-cohort variance tau2 shared by all groups,
# estimated by DerSimonian-Laird (method of moments):
#
#     rma(yi, vi, mods = ~ 0 + group, method = "DL", level = 100 * level)
#
# Per case the file holds:
#   y, v, group (0-based group index per cohort; every index 0..G-1 is used), groups (G), level;
#   tau2, qe, qe_df (k - G), qe_p (null when k == G), i2 (metafor's I2 / 100);
#   group_effects: estimate, se, ci_low, ci_high, p of each group coefficient, in index order;
#   qm, qm_df (G - 1), qm_p: the test of the group term, from the same model written with an
#     intercept, rma(yi, vi, mods = ~ group, method = "DL"); null when G == 1;
#   contrast: the coefficient of group `first` when the model is refitted with group `reference`
#     as the reference level, i.e. log(ROR_first / ROR_reference); null when G == 1.
#
# What metafor does at the edges (metafor 3.8.1):
#   * k == G >= 2 (every group a single cohort): rma(..., method = "DL") stops with "Number of
#     parameters to be estimated is larger than the number of observations." (tau2 counts as a
#     parameter, so k - G >= 1 is required). Such cases are left out of the file; the script
#     tries a few and drops them, and it stops if metafor refuses any other case.
#   * G == 1: a factor with one level cannot enter a model formula ("contrasts can be applied only
#     to factors with 2 or more levels"). ~ 0 + group with one group is the intercept-only model,
#     so those cases are fitted as rma(yi, vi, method = "DL").
#   * k == 1 (hence G == 1): metafor fits it (tau2 = 0, QE = 0, I2 = 0; it reports QEp = 1 on
#     0 df, which the file records as null, like every qe_p with qe_df == 0).

suppressPackageStartupMessages(library(metafor))

OUT <- "core/tests/fixtures/shared_tau2.json"
LEVELS <- c(0.9, 0.95, 0.99)

# ---------------------------------------------------------------------------------------------
# JSON output. Every double is written with sprintf("%.17g"), which reads back to the same double
# in any correctly rounded parser. (Shorter forms are not used: they would have to be checked with
# R's own as.numeric, which is not always correctly rounded.)

json_number <- function(x) {
  if (is.na(x) || !is.finite(x)) return("null")
  if (is.integer(x)) return(sprintf("%d", x))
  sprintf("%.17g", x)
}

json_string <- function(x) paste0("\"", gsub("\"", "\\\\\"", x), "\"")

# A list with names is an object, a list without names or an AsIs vector (I()) is an array,
# a plain vector of length 1 is a scalar, NULL and NA are null.
to_json <- function(x) {
  if (is.null(x)) return("null")
  if (is.list(x)) {
    items <- vapply(x, to_json, "")
    if (!is.null(names(x))) {
      return(paste0("{", paste0(json_string(names(x)), ":", items, collapse = ","), "}"))
    }
    return(paste0("[", paste0(items, collapse = ","), "]"))
  }
  if (is.character(x)) items <- json_string(x)
  else if (is.logical(x)) items <- ifelse(is.na(x), "null", ifelse(x, "true", "false"))
  else items <- vapply(seq_along(x), function(i) json_number(x[i]), "")
  if (inherits(x, "AsIs") || length(x) != 1) return(paste0("[", paste0(items, collapse = ","), "]"))
  items
}

# ---------------------------------------------------------------------------------------------
# Fits

nullable <- function(x) if (is.null(x) || is.na(x)) NULL else x

fit_case <- function(y, v, group, level, first = NA, reference = NA) {
  k <- length(y)
  G <- max(group) + 1
  stopifnot(length(v) == k, length(group) == k, all(sort(unique(group)) == 0:(G - 1)))
  labels <- paste0("g", 0:(G - 1))
  grp <- factor(labels[group + 1], levels = labels)
  lv <- 100 * level
  if (G == 1) {
    fit <- rma(y, v, method = "DL", level = lv)
  } else {
    fit <- rma(y, v, mods = ~ 0 + grp, method = "DL", level = lv)
  }
  if (!is.null(fit$tau2.fix) && fit$tau2.fix) stop("tau2 was not estimated")
  effects <- lapply(seq_len(G), function(g) list(
    estimate = fit$beta[g, 1], se = fit$se[g], ci_low = fit$ci.lb[g], ci_high = fit$ci.ub[g],
    p = fit$pval[g]))
  case <- list(
    y = I(y), v = I(v), group = I(as.integer(group)), groups = as.integer(G), level = level,
    tau2 = fit$tau2, qe = fit$QE, qe_df = as.integer(k - G),
    qe_p = if (k == G) NULL else fit$QEp,
    i2 = fit$I2 / 100,
    group_effects = effects,
    qm = NULL, qm_df = as.integer(G - 1), qm_p = NULL, contrast = NULL)
  if (G > 1) {
    with_intercept <- rma(y, v, mods = ~ grp, method = "DL", level = lv)
    if (!isTRUE(all.equal(with_intercept$tau2, fit$tau2, tolerance = 1e-10, scale = max(1, fit$tau2)))) {
      stop(sprintf("tau2 differs between ~ group (%.17g) and ~ 0 + group (%.17g)",
                   with_intercept$tau2, fit$tau2))
    }
    if (with_intercept$QMdf[1] != G - 1) stop("QM is not on G - 1 degrees of freedom")
    case$qm <- with_intercept$QM
    case$qm_p <- with_intercept$QMp
    stopifnot(!is.na(first), !is.na(reference), first != reference)
    releveled <- relevel(grp, ref = labels[reference + 1])
    refit <- rma(y, v, mods = ~ releveled, method = "DL", level = lv)
    name <- paste0("releveled", labels[first + 1])
    i <- match(name, rownames(refit$beta))
    if (is.na(i)) stop("no coefficient ", name)
    difference <- fit$beta[first + 1, 1] - fit$beta[reference + 1, 1]
    if (abs(refit$beta[i, 1] - difference) > 1e-9 * max(1, abs(difference))) {
      stop("the contrast does not equal the difference of the group coefficients")
    }
    case$contrast <- list(
      first = as.integer(first), reference = as.integer(reference), estimate = refit$beta[i, 1],
      se = refit$se[i], ci_low = refit$ci.lb[i], ci_high = refit$ci.ub[i], p = refit$pval[i])
  }
  case
}

# Fits a case, or returns NULL when metafor refuses it because every group is a single cohort.
try_case <- function(y, v, group, level, first = NA, reference = NA) {
  G <- max(group) + 1
  tryCatch(fit_case(y, v, group, level, first, reference), error = function(e) {
    if (length(y) == G && G > 1 && grepl("larger than the number of observations", conditionMessage(e))) {
      return(NULL)
    }
    stop(e)
  })
}

# ---------------------------------------------------------------------------------------------
# Cases

# Crude log ROR of a 2x2 table (a, b, c, d) = (BoNT & depression, BoNT & no depression,
# control & depression, control & no depression), with 0.5 added to every cell when one is zero.
log_ror <- function(a, b, c, d) {
  if (min(a, b, c, d) == 0) { a <- a + 0.5; b <- b + 0.5; c <- c + 0.5; d <- d + 0.5 }
  c(y = log((a / b) / (c / d)), v = 1 / a + 1 / b + 1 / c + 1 / d)
}

# The default dataset (data/default.csv), crude counts per indication. Groups: frown lines
# (cosmetic, migraine) = 0, other facial (blepharospasm) = 1, no facial (the rest) = 2.
DEFAULT_COUNTS <- rbind(
  cosmetic = c(104, 20580, 49, 1165),
  migraine = c(117, 4063, 3400, 53275),
  spasticity = c(60, 2275, 2291, 43533),
  torticollis = c(41, 1319, 338, 6427),
  blepharospasm = c(15, 472, 15, 138),
  hyperhidrosis = c(15, 586, 50, 662),
  sialorrhea = c(0, 157, 23, 1151),
  bladder = c(11, 904, 472, 30355))
DEFAULT_GROUP <- c(0, 0, 2, 2, 1, 2, 2, 2)
stopifnot(all(DEFAULT_COUNTS[, 1] + DEFAULT_COUNTS[, 2] == c(20684, 4180, 2335, 1360, 487, 601, 157, 915)),
          all(DEFAULT_COUNTS[, 3] + DEFAULT_COUNTS[, 4] == c(1214, 56675, 45824, 6765, 153, 712, 1174, 30827)))

set.seed(20206)

# A cohort from a random 2x2 table with a zero BoNT-depression cell (a large variance).
zero_cell_cohort <- function() {
  b <- sample(20:400, 1)
  c <- sample(2:60, 1)
  d <- sample(200:3000, 1)
  log_ror(0, b, c, d)
}

# Group index per cohort: every group used, group sizes drawn at random (sorted or shuffled).
random_groups <- function(k, G) {
  if (G == 1) return(rep(0, k))
  group <- c(0:(G - 1), sample(0:(G - 1), k - G, replace = TRUE))
  if (runif(1) < 0.5) sort(group) else sample(group)
}

random_case <- function(k, G, spread, level, zero_cell = FALSE, group = NULL) {
  if (is.null(group)) group <- random_groups(k, G)
  means <- runif(G, -2.0, 0.2)
  v <- exp(runif(k, log(0.002), log(2)))
  if (spread == 0) {
    # Nearly equal y within a group: QE falls below its degrees of freedom, so tau2 = 0.
    y <- means[group + 1] + rnorm(k, 0, 0.02) * sqrt(v)
  } else {
    y <- means[group + 1] + rnorm(k, 0, spread) + rnorm(k, 0, sqrt(v))
  }
  y <- pmin(pmax(y, -2.5), 0.5)
  if (zero_cell) {
    i <- sample.int(k, 1)
    z <- zero_cell_cohort()
    y[i] <- z[["y"]]
    v[i] <- z[["v"]]
  }
  pair <- if (G > 1) sample(0:(G - 1), 2) else c(NA, NA)
  try_case(y, v, group, level, pair[1], pair[2])
}

cases <- list()
refused <- 0
add <- function(case) {
  if (is.null(case)) {
    refused <<- refused + 1
  } else {
    cases[[length(cases) + 1]] <<- case
  }
}

# 1. The default dataset at 95% and 99%; contrast frown lines against no facial.
default <- t(apply(DEFAULT_COUNTS, 1, function(r) log_ror(r[1], r[2], r[3], r[4])))
for (level in c(0.95, 0.99)) {
  add(fit_case(unname(default[, "y"]), unname(default[, "v"]), DEFAULT_GROUP, level, 0, 2))
}

# 2. Hand-made edges.
add(fit_case(-0.7, 0.05, 0, 0.95))  # a single cohort
add(fit_case(c(-0.7, -0.7), c(0.05, 0.2), c(0, 0), 0.9))  # equal y, one group
add(fit_case(c(-1.0, -1.0, 0.1), c(0.1, 0.3, 0.2), c(0, 0, 1), 0.95, 1, 0))  # tau2 exactly 0
add(fit_case(c(-2.4, 0.4, -1.1, 0.3), c(0.01, 0.01, 0.02, 0.02), c(0, 0, 1, 1), 0.99, 0, 1))  # large tau2
add(fit_case(c(-0.5, -0.6, -0.4, -1.2, 0.2), c(0.05, 0.08, 2.0, 0.04, 0.03), c(0, 0, 1, 2, 2), 0.95, 2, 1))
for (G in 2:3) {  # every group a single cohort: refused by metafor, left out
  add(try_case(seq(-1.5, 0, length.out = G), rep(0.1, G), 0:(G - 1), 0.95, 0, 1))
}

# 3. Random cases: k = 1..12, G = 1..3, group sizes of one and two cohorts, tau2 = 0 and large
#    heterogeneity, zero-cell cohorts, levels 90%, 95% and 99%.
spreads <- c(0, 0.1, 0.4, 1.2)
index <- 0
for (round in 1:9) {
  for (k in 1:12) {
    for (G in 1:3) {
      if (G > k || (G == k && G > 1)) next  # k == G >= 2 is refused by metafor (see above)
      index <- index + 1
      add(random_case(k, G, spreads[index %% 4 + 1], LEVELS[index %% 3 + 1],
                      zero_cell = (index %% 5 == 0)))
    }
  }
}
# Groups of exactly one and exactly two cohorts next to larger groups.
for (round in 1:12) {
  index <- index + 1
  k <- sample(4:12, 1)
  group <- c(0, 1, 1, rep(2, k - 3))
  perm <- sample(0:2)
  add(random_case(k, 3, spreads[index %% 4 + 1], LEVELS[index %% 3 + 1],
                  zero_cell = (round %% 3 == 0), group = perm[group + 1]))
}
for (round in 1:12) {
  index <- index + 1
  k <- sample(3:12, 1)
  group <- c(0, rep(1, k - 1))
  if (round %% 2 == 0) group <- c(0, 0, rep(1, k - 2))
  add(random_case(k, 2, spreads[index %% 4 + 1], LEVELS[index %% 3 + 1],
                  zero_cell = (round %% 4 == 0), group = sample(group)))
}

stopifnot(refused == 2)  # exactly the two k == G >= 2 cases above (random cases never have k == G >= 2)

provenance <- list(
  generator = "tools/reference/make_metafor_fixtures.R",
  R = paste(R.version$major, R.version$minor, sep = "."),
  metafor = as.character(packageVersion("metafor")))
lines <- c(
  paste0("{\"provenance\":", to_json(provenance), ",\"cases\":["),
  paste0(vapply(cases, to_json, ""), c(rep(",", length(cases) - 1), "")),
  "]}")
if (!dir.exists(dirname(OUT))) stop("run from the repository root")
writeLines(lines, OUT)
cat(sprintf("%s: %d cases (%d cases with k == G >= 2 refused by metafor, left out)\n",
            OUT, length(cases), refused))
