// Close the header's drop-down menu on a click elsewhere or on Escape.
(function () {
  "use strict";
  const menus = document.querySelectorAll("details.menu");
  document.addEventListener("click", (event) => {
    menus.forEach((menu) => { if (!menu.contains(event.target)) menu.open = false; });
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") menus.forEach((menu) => { menu.open = false; });
  });
}());
