/** The widget's stylesheet, scoped by its shadow root. `--fxo-theme` comes from the embed code. */
export const styles = `
:host{all:initial}
*{box-sizing:border-box}
[hidden]{display:none!important}
.root{--t:var(--fxo-theme,#1f6feb);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1f2328}
button,input{font:inherit;color:inherit}
.launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;width:56px;height:56px;border:0;border-radius:50%;background:var(--t);color:#fff;display:flex;align-items:center;justify-content:center;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.22);transition:transform .15s}
.launcher:hover{transform:scale(1.06)}
.launcher:focus-visible,button:focus-visible,input:focus-visible{outline:2px solid var(--t);outline-offset:2px}
.panel{position:fixed;right:20px;bottom:88px;z-index:2147483000;width:360px;height:520px;max-height:calc(100vh - 108px);display:flex;flex-direction:column;background:#fff;border-radius:14px;overflow:hidden;box-shadow:0 10px 38px rgba(0,0,0,.2),0 2px 8px rgba(0,0,0,.08)}

.panel.fullscreen{left:0;right:0;top:0;bottom:0;width:auto;height:auto;max-height:none;border-radius:0}
header{display:flex;align-items:center;gap:8px;padding:12px 14px;background:var(--t);color:#fff}
.who{flex:1;min-width:0}
.name{font-weight:600;font-size:15px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.sub{font-size:12px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.reset{flex:none;border:1px solid rgba(255,255,255,.55);background:transparent;color:#fff;border-radius:8px;padding:4px 8px;font-size:12px;cursor:pointer}
.reset:hover{background:rgba(255,255,255,.15)}
.reset:disabled{opacity:.5;cursor:default}
.status{padding:6px 14px;font-size:12px;color:#57606a;background:#f6f8fa;border-bottom:1px solid #eaeef2}
.log{flex:1;overflow-y:auto;padding:14px;display:flex;flex-direction:column;gap:8px;background:#fff}
.msg{max-width:80%;padding:8px 12px;border-radius:14px;white-space:pre-wrap;overflow-wrap:anywhere}
.them{align-self:flex-start;background:#f0f2f5;border-bottom-left-radius:4px}
.me{align-self:flex-end;background:var(--t);color:#fff;border-bottom-right-radius:4px}
.pending{opacity:.6}
.greeting{color:#57606a}
.tag{display:block;font-size:10px;font-weight:600;letter-spacing:.04em;text-transform:uppercase;color:#8250df;margin-bottom:2px}
.notice{display:flex;align-items:flex-start;gap:8px;padding:8px 12px 8px 14px;font-size:13px;color:#82071e;background:#ffebe9;border-top:1px solid #ffcecb}
.notice span{flex:1}
.x{border:0;background:none;cursor:pointer;font-size:16px;line-height:1;padding:0 2px;color:inherit}
form{display:flex;gap:8px;padding:10px;border-top:1px solid #eaeef2}
input{flex:1;min-width:0;border:1px solid #d0d7de;border-radius:10px;padding:8px 12px;outline:none;background:#fff}
input:focus{border-color:var(--t)}
form button{border:0;border-radius:10px;padding:0 16px;background:var(--t);color:#fff;font-weight:600;cursor:pointer}
form button:disabled,input:disabled{opacity:.5;cursor:default}
@media (prefers-reduced-motion:reduce){.launcher{transition:none}.launcher:hover{transform:none}}
@media (max-width:419px){.panel{left:8px;right:8px;width:auto;bottom:84px;height:calc(100vh - 100px);max-height:none}.launcher{right:12px;bottom:16px}}
`;
