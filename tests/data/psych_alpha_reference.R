# Expected values for tests/analytics/analytics_psychometrics_test.cpp, computed
# once with R's psych package (Debian r-base-core, r-cran-psych,
# r-cran-gparotation). Rerun from the repository root:
#   Rscript tests/data/psych_alpha_reference.R
# It rewrites tests/data/psych_alpha_dataset.csv (a fixed, seeded dataset
# with missing values, so psych's pairwise-complete handling is exercised)
# and tests/data/psych_alpha_expected.csv (quantity,item,value; item is
# empty for whole-scale quantities; values printed with 17 significant
# digits).
suppressPackageStartupMessages(library(psych))

set.seed(20240611)
respondents <- 240
loadings <- c(0.80, 0.70, 0.65, 0.60, 0.50, 0.40)
shifts <- c(0.3, -0.2, 0.0, 0.5, -0.4, 0.1)
factor_score <- rnorm(respondents)
items <- sapply(seq_along(loadings), function(i) {
  latent <- loadings[i] * factor_score + sqrt(1 - loadings[i]^2) * rnorm(respondents)
  as.integer(cut(latent + shifts[i], c(-Inf, -1.5, -0.5, 0.5, 1.5, Inf)))
})
colnames(items) <- paste0("i", seq_along(loadings))
# About 8% missing completely at random, more in the last item; no row is
# left without any answer (analytics drops such rows before psych's
# formulas, psych would count them in ase's n).
missing <- matrix(runif(length(items)) < 0.08, nrow(items))
missing[, 6] <- runif(respondents) < 0.15
items[missing] <- NA
items <- items[rowSums(!is.na(items)) > 0, ]

write.csv(items, "tests/data/psych_alpha_dataset.csv", row.names = FALSE, na = "")
data <- read.csv("tests/data/psych_alpha_dataset.csv")

a <- alpha(data)  # use = "pairwise" by default
o <- suppressMessages(suppressWarnings(omega(data, nfactors = 1)))
R_alpha <- cov2cor(cov(data, use = "pairwise"))
eigenvalues <- eigen(R_alpha, symmetric = TRUE, only.values = TRUE)$values

rows <- list()
add <- function(quantity, item, value) {
  rows[[length(rows) + 1]] <<- data.frame(quantity = quantity, item = item,
                                          value = sprintf("%.17g", value))
}
add("respondents", "", nrow(data))
add("raw_alpha", "", a$total$raw_alpha)
add("std_alpha", "", a$total$std.alpha)
add("ase", "", a$total$ase)
add("average_r", "", a$total$average_r)
add("omega_total", "", o$omega.tot)
for (k in seq_along(eigenvalues)) add("eigenvalue", as.character(k), eigenvalues[k])
for (name in rownames(a$item.stats)) {
  add("n", name, a$item.stats[name, "n"])
  add("mean", name, a$item.stats[name, "mean"])
  add("sd", name, a$item.stats[name, "sd"])
  add("r_drop", name, a$item.stats[name, "r.drop"])
  add("alpha_if_deleted", name, a$alpha.drop[name, "raw_alpha"])
  add("std_alpha_if_deleted", name, a$alpha.drop[name, "std.alpha"])
  add("alpha_se_if_deleted", name, a$alpha.drop[name, "alpha se"])
}
write.csv(do.call(rbind, rows), "tests/data/psych_alpha_expected.csv",
          row.names = FALSE, quote = FALSE)
cat("psych", as.character(packageVersion("psych")), "on", R.version.string, "\n")
print(a$total)
print(o$omega.tot)
