/** Unit names for plain numbers in the data contract (see ../model.ts "Conventions"). */

/** A share in [0, 1] (0.8 = 80%). Every share in the data is a Fraction unless typed `Percent`. */
export type Fraction = number;

/** A share in percent (80 = 80%); only fields named `...Pct` carry one. */
export type Percent = number;
