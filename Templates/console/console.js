// The officers' console: the live seal preview and the 统一社会信用代码 check as it is typed. Everything works
// without this script too (the server checks every field again).
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var preview = document.getElementById("preview");
  if (preview) {
    var timer = null;
    var update = function () {
      var query = new URLSearchParams();
      ["template", "unitName", "useName", "holderName", "physicalCode"].forEach(function (name) {
        var field = document.getElementById(name);
        if (field && field.value.trim() !== "") { query.set(name, field.value.trim()); }
      });
      preview.src = "/preview.svg?" + query.toString();
    };
    document.querySelectorAll("[data-preview]").forEach(function (field) {
      field.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(update, 300); });
      field.addEventListener("change", update);
    });
  }
  var code = document.getElementById("creditCode");
  var hint = document.getElementById("creditCodeHint");
  if (code && hint) {
    code.addEventListener("input", function () {
      var value = code.value.trim();
      if (value.length < 18) { hint.textContent = "已输入 " + value.length + " 位，共 18 位。"; hint.className = "hint"; return; }
      fetch("/check/credit-code?value=" + encodeURIComponent(value), { credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (result) { hint.textContent = result.message; hint.className = result.valid ? "hint" : "hint bad"; })
        .catch(function () {});
    });
  }
});
