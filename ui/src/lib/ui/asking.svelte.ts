// A question about one thing (remove this resource? deny this credit?): the
// thing asked about, and whether its ConfirmDialog is open.
export class Asking<T> {
  item = $state<T | null>(null);
  open = $state(false);

  ask = (item: T): void => {
    this.item = item;
    this.open = true;
  };
}
