// Whether this document is going (pagehide: a reload, another page loaded in its place, the tab
// closed), until it is shown again (pageshow: back from the back-forward cache). The browser
// cancels a going document's requests: their failing is no answer of Instagram's.
let going = false;

export const pageGoing = () => going;
export function notePageGoing(value) {
  going = !!value;
}
