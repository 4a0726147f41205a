// The admin export's "select all": the library wires it with an inline onchange attribute,
// which the Content-Security-Policy blocks; the same handler, attached from a file.
document.addEventListener("change", function (event) {
  if (event.target.matches("input.select-toggle") && typeof onSelectToggleChange === "function") {
    onSelectToggleChange(event);
  }
});
