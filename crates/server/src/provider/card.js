// The hosted card page's only script (allowed by its hash): groups the card
// number in fours and writes the expiry as MM/YY while it is typed. The
// server checks everything again; without this script the form still works.
const grouped = (input, format) =>
  input.addEventListener("input", () => {
    const atEnd = input.selectionStart === input.value.length;
    input.value = format(input.value.replace(/\D/g, ""));
    if (atEnd) input.setSelectionRange(input.value.length, input.value.length);
  });
grouped(document.querySelector('input[name="number"]'), (digits) =>
  digits.slice(0, 19).replace(/(\d{4})(?=\d)/g, "$1 "));
grouped(document.querySelector('input[name="expiry"]'), (digits) =>
  digits.length > 2 ? `${digits.slice(0, 2)}/${digits.slice(2, 4)}` : digits);
